# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing.
.PHONY: run test bench durability front

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

front:
	scripts/build-front.sh
