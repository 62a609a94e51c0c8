// A real SMTP server on loopback for the end-to-end tests, with a small HTTP API to read what it
// received: GET /messages lists {to, subject, text}.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import http from 'node:http';

const messages = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => {
      messages.push({ to: mail.to?.text ?? '', subject: mail.subject ?? '', text: mail.text ?? '' });
      callback();
    }, callback);
  },
});
smtp.listen(2526, '127.0.0.1');

http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(req.url === '/messages' ? messages : []));
}).listen(3125, '127.0.0.1');
