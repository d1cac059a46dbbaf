// Runs inside a test's network namespace (`ip netns exec <ns> node probeAgent.mjs <mode> ...`) and talks to
// the test process on the root side of the veth pair, to measure what the link lets through. Plain
// JavaScript so it starts fast without a TypeScript loader. Prints its results as `key value` lines.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

const [mode, host, portText, amountText] = process.argv.slice(2);
const port = Number(portText);
const amount = Number(amountText);
// Never outlive a test that forgot us.
setTimeout(() => fail(new Error('probe agent ran for 60 s')), 60_000).unref();

if (mode === 'tcp-send') {
  // Writes as fast as the link takes it until the other side, which does the measuring, closes.
  const socket = connect(port, host, () => {
    const chunk = Buffer.alloc(16 * 1024);
    const pump = () => {
      while (!socket.destroyed) if (!socket.write(chunk)) return void socket.once('drain', pump);
    };
    pump();
  });
  socket.on('error', () => process.exit(0));
  socket.on('close', () => process.exit(0));
} else if (mode === 'tcp-receive') {
  // Counts what arrives for `amount` ms from the first byte.
  let bytes = 0;
  let started = 0;
  const socket = connect(port, host);
  socket.on('data', (data) => {
    if (!started) {
      started = Date.now();
      setTimeout(() => {
        console.log(`bytes ${bytes}`);
        socket.destroy();
      }, amount);
    }
    bytes += data.length;
  });
  socket.on('error', (error) => fail(error));
} else if (mode === 'tcp-echo') {
  // Sends back whatever arrives, until the other side closes: a connection to watch across a cut.
  const socket = connect(port, host, () => console.log('connected 1'));
  socket.on('data', (data) => socket.write(data));
  socket.on('error', (error) => fail(error));
} else if (mode === 'udp-send') {
  // `amount` datagrams, one a millisecond (slow enough for an unshaped link never to drop any).
  const socket = createSocket('udp4');
  let sent = 0;
  const timer = setInterval(() => {
    socket.send(Buffer.alloc(200), port, host);
    if (++sent === amount) {
      clearInterval(timer);
      setTimeout(() => socket.close(), 200);
    }
  }, 1);
} else if (mode === 'udp-receive') {
  // Binds `host`, says where, and counts datagrams until `amount` ms pass without one.
  const socket = createSocket('udp4');
  let received = 0;
  let quiet;
  const arm = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => {
      console.log(`received ${received}`);
      socket.close();
    }, amount);
  };
  socket.on('message', () => {
    received++;
    arm();
  });
  socket.bind(0, host, () => {
    console.log(`port ${socket.address().port}`);
    arm();
  });
} else {
  fail(new Error(`unknown mode ${mode}`));
}

function fail(error) {
  console.error(String(error));
  process.exit(1);
}
