// The two hub connections, typed by protocol.ts. They reconnect by themselves (with a fresh token each
// time) while the banner says so; views subscribe to events and unsubscribe when they go.

import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel, type ILogger } from "@microsoft/signalr";
import { accessToken } from "./api";
import { connectionLost } from "./dom";
import { fromHubError } from "./errors";
import type { ChatHubEvents, ChatHubMethods, GameHubEvents, GameHubMethods } from "./protocol";

type Methods<M> = { [K in keyof M]: (...args: never[]) => unknown };

// The library reports network trouble (a dropped socket, a failed reconnect attempt) as errors; the banner
// tells the person about those, so they are warnings for the console.
const logger: ILogger = {
  log(level: LogLevel, message: string) {
    if (level >= LogLevel.Warning) {
      console.warn(`[signalr] ${message}`);
    }
  },
};

export class Hub<M extends Methods<M>, E> {
  readonly connection: HubConnection;
  private readonly reconnectedHandlers = new Set<() => void>();
  private stopped = false;

  constructor(readonly name: string, path: string) {
    this.connection = new HubConnectionBuilder()
      .withUrl(path, { accessTokenFactory: () => accessToken() })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => Math.min(10_000, 500 * 2 ** context.previousRetryCount) })
      .configureLogging(logger)
      .build();
    this.connection.onreconnecting(() => connectionLost(name, true));
    this.connection.onreconnected(() => {
      connectionLost(name, false);
      this.reconnectedHandlers.forEach(handler => handler());
    });
    // Automatic reconnection gives up after a while, or the server closed us (an expired token): start over.
    this.connection.onclose(() => {
      if (!this.stopped) {
        connectionLost(name, true);
        window.setTimeout(() => void this.start(), 2_000);
      }
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    if (this.connection.state !== HubConnectionState.Disconnected) {
      return;
    }
    try {
      await this.connection.start();
      connectionLost(this.name, false);
      this.reconnectedHandlers.forEach(handler => handler());
    } catch {
      connectionLost(this.name, true);
      window.setTimeout(() => void this.start(), 3_000);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    connectionLost(this.name, false);
    await this.connection.stop();
  }

  get connected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  /** Calls a hub method; a refusal throws a ServerError with the server's code. */
  async invoke<K extends keyof M & string>(method: K, ...args: Parameters<M[K]>): Promise<ReturnType<M[K]>> {
    try {
      return await this.connection.invoke(method, ...args) as ReturnType<M[K]>;
    } catch (error) {
      throw fromHubError(error);
    }
  }

  /** Fire and forget (the paddle's input, the heartbeat's answer). */
  send<K extends keyof M & string>(method: K, ...args: Parameters<M[K]>): void {
    if (this.connected) {
      this.connection.send(method, ...args).catch(() => { /* the banner covers a lost connection */ });
    }
  }

  on<K extends keyof E & string>(event: K, handler: (payload: E[K]) => void): () => void {
    const wrapped = (payload: E[K]) => handler(payload);
    this.connection.on(event, wrapped);
    return () => this.connection.off(event, wrapped);
  }

  /** After a (re)connection: events were not queued meanwhile, so views fetch what they missed. */
  onConnected(handler: () => void): () => void {
    this.reconnectedHandlers.add(handler);
    return () => this.reconnectedHandlers.delete(handler);
  }
}

export const chat = new Hub<ChatHubMethods, ChatHubEvents>("chat", "/hubs/chat");
export const game = new Hub<GameHubMethods, GameHubEvents>("game", "/hubs/game");

// The heartbeat: a game connection that does not answer a Ping before the next one is lost.
game.on("Ping", ping => game.send("Pong", ping.seq));

export async function connectAll(): Promise<void> {
  await Promise.all([chat.start(), game.start()]);
}

export async function disconnectAll(): Promise<void> {
  await Promise.all([chat.stop(), game.stop()]);
}
