"""A mail server that accepts everything and keeps each message's Message-ID, for `make cluster`:
enough SMTP (RFC 5321's EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for lettre to deliver
plain-text mail. Standard library only; runs in a thread of the script that reads it."""

import asyncio
import threading


class SmtpSink:
    def __init__(self):
        self.message_ids = []  # in the order received; a duplicate shows twice
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self.port = None
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait()

    def received(self):
        with self._lock:
            return list(self.message_ids)

    def _run(self):
        asyncio.run(self._serve())

    async def _serve(self):
        server = await asyncio.start_server(self._session, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await server.serve_forever()

    async def _session(self, reader, writer):
        async def say(line):
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        try:
            await say("220 sink ESMTP")
            while True:
                line = await reader.readline()
                if not line:
                    break
                verb = line.decode(errors="replace").strip().split(" ")[0].upper()
                if verb == "EHLO":
                    await say("250-sink")
                    await say("250 8BITMIME")
                elif verb == "DATA":
                    await say("354 go ahead")
                    message_id = None
                    while True:
                        data = await reader.readline()
                        if not data or data in (b".\r\n", b".\n"):
                            break
                        if message_id is None and data.lower().startswith(b"message-id:"):
                            message_id = data.split(b":", 1)[1].strip().decode()
                    with self._lock:
                        self.message_ids.append(message_id)
                    await say("250 queued")
                elif verb == "QUIT":
                    await say("221 bye")
                    break
                else:  # HELO, MAIL, RCPT, RSET, NOOP
                    await say("250 ok")
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
