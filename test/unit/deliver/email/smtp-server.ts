/**
 * Just enough SMTP (RFC 5321) on 127.0.0.1 to receive what a client sends: EHLO, AUTH PLAIN/LOGIN,
 * MAIL, RCPT, DATA, RSET, QUIT. Records each message (envelope and data) and the credentials used;
 * `replies` lets a test make the next DATA answer with an error, e.g. 451 or 550.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
  auth?: { user: string; pass: string };
}

export interface TinySmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Answers for the next DATA commands, in order, instead of 250 (e.g. "451 4.3.0 try later"). */
  dataReplies: string[];
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TinySmtpServer> {
  const received: ReceivedMail[] = [];
  const dataReplies: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let loginStep: 'user' | 'pass' | undefined;
    let loginUser = '';
    let current: ReceivedMail = { from: '', to: [], data: '' };
    let auth: ReceivedMail['auth'];
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 tiny.test ESMTP ready');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          const reply = dataReplies.shift();
          if (reply) say(reply);
          else {
            received.push({ ...current, ...(auth ? { auth } : {}) });
            say('250 2.0.0 Ok: queued as TEST');
          }
          current = { from: '', to: [], data: '' };
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        if (loginStep === 'user') {
          loginUser = Buffer.from(line, 'base64').toString();
          loginStep = 'pass';
          say(`334 ${Buffer.from('Password:').toString('base64')}`);
          continue;
        }
        if (loginStep === 'pass') {
          auth = { user: loginUser, pass: Buffer.from(line, 'base64').toString() };
          loginStep = undefined;
          say('235 2.7.0 Authentication successful');
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') {
          socket.write('250-tiny.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n');
        } else if (verb === 'AUTH') {
          const [, mech, initial] = line.split(' ');
          if (mech?.toUpperCase() === 'PLAIN' && initial) {
            const [, user = '', pass = ''] = Buffer.from(initial, 'base64').toString().split('\u0000');
            auth = { user, pass };
            say('235 2.7.0 Authentication successful');
          } else if (mech?.toUpperCase() === 'LOGIN') {
            loginStep = 'user';
            say(`334 ${Buffer.from('Username:').toString('base64')}`);
          } else say('504 5.5.4 Unrecognized authentication type');
        } else if (verb === 'MAIL') {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          say('250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          say('250 2.1.5 Ok');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') {
          current = { from: '', to: [], data: '' };
          say('250 2.0.0 Ok');
        } else if (verb === 'QUIT') {
          say('221 2.0.0 Bye');
          socket.end();
        } else if (verb === 'NOOP') {
          say('250 2.0.0 Ok');
        } else {
          say('502 5.5.2 Command not recognised');
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    dataReplies,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
