import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { t: string };

/** A chat socket as a client holds it: every frame received, in order, and a way to wait for one. */
export class ChatClient {
  readonly frames: Frame[] = [];
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame;
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => (w.pred(f) ? (w.resolve(f), false) : true));
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<ChatClient> {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { headers });
    const client = new ChatClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  static visitor(url: string, token: string) {
    return ChatClient.open(`${url}/chat/v1/visitor?token=${encodeURIComponent(token)}`);
  }

  static operator(url: string, device: { key: string }, userId: string) {
    return ChatClient.open(`${url}/hub/v1/chat/operator?user=${encodeURIComponent(userId)}`, { authorization: `Bearer ${device.key}` });
  }

  send(frame: Frame): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first frame (already received or still to come) that matches. */
  next(pred: (f: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.waiters.push({ pred, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  messages(conversationId?: string): Frame[] {
    return this.frames.filter((f) => f.t === 'message' && (!conversationId || f.conversationId === conversationId));
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
