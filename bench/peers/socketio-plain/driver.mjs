// The load driver for socket.io servers (server.mjs here, ../nest-chat): every member is a socket.io-client
// 4.8 socket of its own (forceNew: one WebSocket each), as a browser would hold it. Started by the load
// generator (bench/src/LoadGenerator/Scenarios/ChatChannels), which reads the server's CPU itself; this
// process only connects, sends, and times deliveries. One JSON object per line on stdout, commands on stdin:
//   start: node driver.mjs --url http://127.0.0.1:PORT --channels 50 --members 20   → {"event":"ready"}
//   {"cmd":"rate","perSecond":500,"warmup":2,"measure":5}  one sender per channel, round robin, fixed rate
//   {"cmd":"saturate","window":4,"warmup":2,"measure":5}   each channel keeps `window` messages in flight
//   → {"event":"measuring"} when the window opens, {"event":"measured"} when it closes, then {"event":"result",…}
//   {"cmd":"quit"}
// Latency is sender to each receiver in this process's clock, from each message's scheduled send time at a
// fixed rate (no coordinated omission); it counts messages sent inside the window.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    channels: { type: 'string', default: '50' },
    members: { type: 'string', default: '20' },
    parallel: { type: 'string', default: '32' },
  },
});
const channels = Number(args.channels);
const members = Number(args.members);
const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let run = null;
let runIds = 0;
let disconnects = 0;

function connect(channel, member) {
  return new Promise((resolve, reject) => {
    const socket = io(args.url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 30000 });
    socket.on('messageReceived', (message) => run?.delivered(message.text));
    socket.on('disconnect', () => { disconnects++; });
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket.timeout(30000).emit('join', { room: `channel-${channel}`, userId: randomUUID(), displayName: `c${channel}m${member}` }, (err) =>
        err ? reject(err) : resolve(socket));
    });
  });
}

// Connects channels × members sockets, `parallel` handshakes at a time; rooms[c][0] is channel c's sender.
const rooms = Array.from({ length: channels }, () => new Array(members));
const slots = Array.from({ length: channels * members }, (_, i) => i);
await Promise.all(Array.from({ length: Number(args.parallel) }, async () => {
  for (let i = slots.shift(); i !== undefined; i = slots.shift()) {
    rooms[Math.floor(i / members)][i % members] = await connect(Math.floor(i / members), i % members);
  }
}));
emit({ event: 'ready', connections: channels * members });

class Run {
  constructor(capacity, warmup, measure) {
    this.id = ++runIds;
    this.sentAt = new Float64Array(capacity);
    this.channelOf = new Uint16Array(capacity);
    this.received = new Uint16Array(capacity);
    this.latencies = new Float64Array(capacity * members > 4e6 ? 4e6 : capacity * members);
    this.recorded = 0;
    this.sent = 0;
    this.completed = 0;
    this.failed = 0;
    this.deliveries = 0;
    this.start = performance.now();
    this.measureFrom = this.start + warmup * 1000;
    this.measureTo = this.measureFrom + measure * 1000;
    this.onComplete = null;
  }

  send(channel, at) {
    const seq = this.sent;
    if (seq >= this.sentAt.length) return false;
    this.sent++;
    this.sentAt[seq] = at;
    this.channelOf[seq] = channel;
    rooms[channel][0].timeout(10000).emit('send', { room: `channel-${channel}`, text: `${this.id}:${seq}`, clientMessageId: `${this.id}-${seq}` }, (err) => {
      if (err) {
        this.failed++;
        this.onComplete?.(channel);
      }
    });
    return true;
  }

  delivered(text) {
    const colon = text.indexOf(':');
    if (Number(text.slice(0, colon)) !== this.id) return;
    const seq = Number(text.slice(colon + 1));
    this.deliveries++;
    const sentAt = this.sentAt[seq];
    if (sentAt >= this.measureFrom && sentAt < this.measureTo && this.recorded < this.latencies.length) {
      this.latencies[this.recorded++] = performance.now() - sentAt;
    }
    if (++this.received[seq] === members) {
      this.completed++;
      this.onComplete?.(this.channelOf[seq]);
    }
  }

  async window() {
    await sleep(this.measureFrom - performance.now());
    emit({ event: 'measuring' });
    const before = this.deliveries;
    const opened = performance.now();
    await sleep(this.measureTo - performance.now());
    const wallSeconds = (performance.now() - opened) / 1000;
    emit({ event: 'measured' });
    return { deliveries: this.deliveries - before, wallSeconds };
  }

  async result(window) {
    this.onComplete = null;
    for (const deadline = performance.now() + 10000; this.completed + this.failed < this.sent && performance.now() < deadline;) {
      await sleep(20);
    }
    const sorted = this.latencies.subarray(0, this.recorded).sort();
    const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
    return {
      event: 'result', ...window, sent: this.sent, failed: this.failed,
      undelivered: this.sent * members - this.deliveries - this.failed * members,
      p50: at(50), p99: at(99), p999: at(99.9), max: sorted.length ? sorted[sorted.length - 1] : null,
      disconnects,
    };
  }
}

async function atRate({ perSecond, warmup, measure }) {
  run = new Run(Math.ceil(perSecond * (warmup + measure)) + 1024, warmup, measure);
  const current = run;
  const windowDone = current.window();
  let due = 0;
  for (let now = performance.now(); now < current.measureTo; now = performance.now()) {
    for (const until = Math.floor(((now - current.start) / 1000) * perSecond); due < until; due++) {
      current.send(due % channels, current.start + (due / perSecond) * 1000);
    }
    await sleep(1);
  }
  return current.result(await windowDone);
}

async function saturate({ window, warmup, measure }) {
  run = new Run(4_000_000, warmup, measure);
  const current = run;
  current.onComplete = (channel) => {
    if (performance.now() < current.measureTo) current.send(channel, performance.now());
  };
  for (let c = 0; c < channels; c++) {
    for (let k = 0; k < window; k++) current.send(c, performance.now());
  }
  return current.result(await current.window());
}

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  if (command.cmd === 'quit') break;
  emit(command.cmd === 'rate' ? await atRate(command) : await saturate(command));
  run = null;
}

for (const room of rooms) for (const socket of room) socket.disconnect();
process.exit(0);
