// Runs inside a test bed namespace (`ip netns exec NS node connector.js`, with an IPC channel) and
// hands TCP sockets connected from there to the parent process, so code in the jest process talks
// through the namespace's network. Plain JavaScript: it runs under node without a transpiler.
'use strict';
const net = require('node:net');

process.on('message', (request) => {
  const { id, host, port, timeoutMs } = request;
  const socket = new net.Socket();
  // Paused before it connects: not a byte (the server's greeting) is read here before the hand-over.
  socket.pause();
  let settled = false;
  const fail = (code) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    socket.destroy();
    process.send({ id, error: code });
  };
  const timer = setTimeout(() => fail('ETIMEDOUT'), timeoutMs);
  socket.once('error', (err) => fail(err.code || err.message));
  socket.connect({ host, port }, () => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    process.send({ id }, socket);
  });
});

// The parent went away: nothing left to serve.
process.on('disconnect', () => process.exit(0));
