// A plain socket.io 4.8 chat server: the same events and payloads as ../nest-chat, without NestJS.
// `join` puts the socket in a room; `send` broadcasts `messageReceived` to the room and acks.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer((req, res) => {
  res.statusCode = req.url === '/health' ? 200 : 404;
  res.end(res.statusCode === 200 ? 'ok' : '');
});
const io = new Server(http, { transports: ['websocket'], serveClient: false });

io.on('connection', (socket) => {
  socket.on('join', ({ room, userId, displayName }, ack) => {
    socket.join(room);
    socket.data.sender = { id: userId, displayName };
    ack({ ok: true });
  });
  socket.on('send', ({ room, text, clientMessageId }, ack) => {
    const messageId = randomUUID();
    const sentAt = new Date().toISOString();
    io.to(room).emit('messageReceived', { channelId: room, messageId, sender: socket.data.sender, text, sentAt, clientMessageId });
    ack({ messageId, sentAt });
  });
});

http.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
process.on('SIGTERM', () => io.close(() => process.exit(0)));
