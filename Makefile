# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing.
.PHONY: run test bench durability cluster front

run:
	scripts/run.sh

test:
	scripts/test.sh

# Figures, not a gate: requests/s and latency, WASM size, server memory.
bench:
	scripts/bench.sh

# Nothing acknowledged is lost: 10,000 ballots while the server is killed three times.
durability:
	scripts/durability.sh

# As deployed: PostgreSQL, nginx and three app servers, one killed halfway, with 100 municipalities.
cluster:
	scripts/cluster.sh

front:
	scripts/build-front.sh
