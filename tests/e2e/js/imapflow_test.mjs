// End-to-end scenario through imapflow, a widely used Node IMAP client
// (issue 4). Run by tests/e2e/test_imap_imapflow.py against a live
// `kurir serve`; exits non-zero with the failed check on stderr.
//
// imapflow uses what the server announces: STARTTLS on port 143, ENABLE
// CONDSTORE/QRESYNC, UIDPLUS, MOVE, ESEARCH, IDLE, LITERAL+.
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';

const port = Number(process.env.KURIR_IMAP_PORT);
const auth = { user: process.env.KURIR_USER, pass: process.env.KURIR_PASSWORD };

function client() {
  return new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    auth,
    logger: process.env.KURIR_IMAPFLOW_LOG ? { debug: (o) => console.error('D', JSON.stringify(o)), info: (o) => console.error('I', JSON.stringify(o)), warn: (o) => console.error('W', JSON.stringify(o)), error: (o) => console.error('E', JSON.stringify(o)) } : false,
    tls: { rejectUnauthorized: false }, // self-signed
    emitLogs: false,
  });
}

function message(n, subject) {
  return [
    'From: Bob <bob@example.org>',
    `To: ${auth.user}`,
    `Subject: ${subject}`,
    `Message-ID: <flow-${n}@example.org>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello ${n} from imapflow.`,
    '--b1',
    'Content-Type: application/octet-stream; name="a.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(`attachment ${n}`).toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
}

const main = async () => {
  const flow = client();
  await flow.connect();
  assert.ok(flow.secureConnection || flow.capabilities.has('IMAP4REV1'), 'connected');
  assert.ok(flow.capabilities.has('IDLE') && flow.capabilities.has('MOVE') && flow.capabilities.has('UIDPLUS'));
  // STARTTLS is taken when offered (RFC 9051 6.2.1).
  assert.ok(flow.secureConnection, 'imapflow upgraded with STARTTLS');

  // LIST with special-use (RFC 6154).
  const boxes = await flow.list();
  const byUse = Object.fromEntries(boxes.filter((b) => b.specialUse).map((b) => [b.specialUse, b.path]));
  assert.equal(byUse['\\Sent'], 'Sent');
  assert.equal(byUse['\\Trash'], 'Trash');
  const created = await flow.mailboxCreate(['Flow', 'Inner']);
  assert.equal(created.path, 'Flow/Inner');

  // APPEND with APPENDUID (RFC 4315).
  const appended = [];
  for (let n = 1; n <= 3; n++) appended.push(await flow.append('INBOX', message(n, `flow ${n}`), ['\\Flagged']));
  assert.deepEqual(appended.map((a) => a.uid), [1, 2, 3]);

  const status = await flow.status('INBOX', { messages: true, uidNext: true, unseen: true, highestModseq: true });
  assert.equal(status.messages, 3);
  assert.equal(status.uidNext, 4);
  assert.equal(status.unseen, 3);
  assert.ok(status.highestModseq > 0n || status.highestModseq > 0);

  let lock = await flow.getMailboxLock('INBOX');
  try {
    assert.equal(flow.mailbox.exists, 3);
    // FETCH: envelope, body structure, flags, size, source, a body part.
    const seen = [];
    for await (const msg of flow.fetch('1:*', { uid: true, envelope: true, bodyStructure: true, flags: true, size: true, source: true, bodyParts: ['1'] })) {
      assert.equal(msg.envelope.subject, `flow ${msg.seq}`);
      assert.equal(msg.envelope.from[0].address, 'bob@example.org');
      assert.equal(msg.bodyStructure.type, 'multipart/mixed');
      assert.equal(msg.bodyStructure.childNodes.length, 2);
      assert.ok(msg.flags.has('\\Flagged'));
      assert.equal(msg.source.toString(), message(msg.seq, `flow ${msg.seq}`));
      assert.equal(msg.size, msg.source.length);
      assert.equal(msg.bodyParts.get('1').toString(), `Hello ${msg.seq} from imapflow.`);
      seen.push(msg.uid);
    }
    assert.deepEqual(seen, [1, 2, 3]);
    const { content } = await flow.download('2', '2', { uid: true });
    const chunks = [];
    for await (const c of content) chunks.push(c);
    assert.equal(Buffer.concat(chunks).toString(), 'attachment 2');

    // SEARCH (ESEARCH when offered) and STORE.
    assert.deepEqual(await flow.search({ subject: 'flow 2' }, { uid: true }), [2]);
    assert.deepEqual(await flow.search({ body: 'imapflow' }, { uid: true }), [1, 2, 3]);
    await flow.messageFlagsAdd('1:2', ['\\Seen', '$Label1']);
    await flow.messageFlagsRemove('2', ['\\Flagged']);
    assert.deepEqual(await flow.search({ seen: true, flagged: true }), [1]);
    assert.deepEqual(await flow.search({ keyword: '$Label1' }), [1, 2]);

    // COPY and MOVE with COPYUID (RFC 4315, RFC 6851).
    const copied = await flow.messageCopy('1', 'Flow/Inner', { uid: true });
    assert.equal(copied.uidMap.get(1), 1);
    const moved = await flow.messageMove('3', 'Archive', { uid: true });
    assert.equal(moved.uidMap.get(3), 1);
    assert.equal(flow.mailbox.exists, 2);

    // IDLE: another session's APPEND arrives as EXISTS (RFC 2177).
    const other = client();
    await other.connect();
    const grown = new Promise((resolve) => flow.on('exists', (data) => resolve(data)));
    const idling = flow.idle();
    await other.append('INBOX', message(4, 'flow 4'));
    const exists = await grown;
    assert.equal(exists.count, 3);
    await other.logout();
    idling.catch(() => {}); // the next command ends the IDLE (imapflow sends DONE)

    // EXPUNGE through imapflow's delete (STORE \Deleted + UID EXPUNGE).
    await flow.messageDelete('2', { uid: true });
    assert.deepEqual(await flow.search({ all: true }, { uid: true }), [1, 4]);
  } finally {
    lock.release();
  }

  const renamed = await flow.mailboxRename('Flow/Inner', 'Flow/Renamed');
  assert.equal(renamed.newPath, 'Flow/Renamed');
  const inner = await flow.status('Flow/Renamed', { messages: true });
  assert.equal(inner.messages, 1);
  await flow.mailboxDelete('Flow/Renamed');
  assert.ok(!(await flow.list()).some((b) => b.path === 'Flow/Renamed'));
  await flow.logout();
  console.log('imapflow scenario passed');
};

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
