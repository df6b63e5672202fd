import { randomUUID } from 'node:crypto';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';

interface JoinPayload {
  room: string;
  userId: string;
  displayName: string;
}

interface SendPayload {
  room: string;
  text: string;
  clientMessageId: string;
}

interface ClientData {
  userId?: string;
  displayName?: string;
}

// The same work as a bare SignalR hub broadcasting to a group: no auth, no store.
@WebSocketGateway({ transports: ['websocket'] })
export class ChatGateway {
  @WebSocketServer()
  server!: Server;

  @SubscribeMessage('join')
  async join(@ConnectedSocket() client: Socket, @MessageBody() payload: JoinPayload): Promise<{ ok: true }> {
    await client.join(payload.room);
    const data = client.data as ClientData;
    data.userId = payload.userId;
    data.displayName = payload.displayName;
    return { ok: true };
  }

  @SubscribeMessage('send')
  send(
    @ConnectedSocket() client: Socket,
    @MessageBody() payload: SendPayload,
  ): { messageId: string; sentAt: string } {
    const data = client.data as ClientData;
    const messageId = randomUUID();
    const sentAt = new Date().toISOString();
    const msg = {
      channelId: payload.room,
      messageId,
      sender: { id: data.userId ?? '', displayName: data.displayName ?? '' },
      text: payload.text,
      sentAt,
      clientMessageId: payload.clientMessageId,
    };
    this.server.to(payload.room).emit('messageReceived', msg);
    return { messageId, sentAt };
  }
}
