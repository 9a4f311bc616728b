import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../mail/testing/smtpPeer';
import nodemailer, { type SendMailOptions, type TransportOptions } from 'nodemailer';

/** A private Dovecot (Debian's dovecot-core/imapd/lmtpd) for one test file: IMAP and LMTP on free ports of 127.0.0.1. */
export interface Dovecot {
  imapPort: number;
  lmtpPort: number;
  /** Delivers a raw message (or nodemailer's message fields) to `user@example.test` over LMTP. */
  deliver(user: string, message: { raw: string | Buffer } | SendMailOptions): Promise<void>;
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot ended: ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Users are `name: password`; each gets a Maildir owned by `nobody`, as Dovecot's mail processes run. */
export async function startDovecot(users: Record<string, string>): Promise<Dovecot> {
  // Directly in /tmp, not the run's private temp root: Dovecot's own users (dovecot, nobody) must reach the folder,
  // which a 0700 root forbids; and a short path, since Dovecot refuses a base_dir over ~80 characters. stop() removes it.
  const dir = fs.mkdtempSync(path.join(fs.existsSync('/tmp') ? '/tmp' : os.tmpdir(), 'dc-'));
  fs.chmodSync(dir, 0o755);
  const [imapPort, lmtpPort] = [await freePort(), await freePort()];
  const mail = path.join(dir, 'mail');
  fs.mkdirSync(mail, { mode: 0o755 });
  const nobody = { uid: 65534, gid: 65534 };
  for (const u of Object.keys(users)) {
    fs.mkdirSync(path.join(mail, u), { mode: 0o700 });
    fs.chownSync(path.join(mail, u), nobody.uid, nobody.gid);
  }
  fs.writeFileSync(path.join(dir, 'passwd'), Object.entries(users).map(([u, p]) => `${u}:{PLAIN}${p}::::${path.join(mail, u)}\n`).join(''));
  const log = path.join(dir, 'dovecot.log');
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/run
log_path = ${log}
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
mail_location = maildir:~/Maildir
auth_username_format = %Ln
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    port = ${imapPort}
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), conf);
  const child = spawn('/usr/sbin/dovecot', ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await waitForPort(imapPort, child, log);
  await waitForPort(lmtpPort, child, log);
  const lmtp = nodemailer.createTransport({ lmtp: true, host: '127.0.0.1', port: lmtpPort, ignoreTLS: true } as TransportOptions);
  return {
    imapPort,
    lmtpPort,
    async deliver(user, message) {
      const to = `${user}@example.test`;
      if ('raw' in message && message.raw !== undefined && Object.keys(message).length === 1) {
        await lmtp.sendMail({ envelope: { from: 'sender@example.test', to: [to] }, raw: message.raw });
      } else await lmtp.sendMail({ ...message, envelope: { from: 'sender@example.test', to: [to] } });
    },
    async stop() {
      lmtp.close();
      if (child.exitCode === null) {
        const ended = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await ended;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
