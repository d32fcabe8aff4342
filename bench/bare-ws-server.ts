// The baseline for the chat benchmark: a bare `ws` broadcast server with no authentication and no persistence.
// A client joins a room with {join}, and every {room, text} it sends is broadcast to the room's sockets.
import { WebSocketServer, type WebSocket } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
wss.on('listening', () => {
  const address = wss.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : address}\n`);
});
wss.on('connection', (ws) => {
  let room: Set<WebSocket> | undefined;
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { join?: string; room?: string; text?: string };
    if (frame.join) {
      room = rooms.get(frame.join) ?? new Set();
      rooms.set(frame.join, room);
      room.add(ws);
      ws.send('{"t":"joined"}');
      return;
    }
    const text = JSON.stringify({ t: 'msg', room: frame.room, body: { text: frame.text } });
    for (const peer of rooms.get(frame.room ?? '') ?? []) peer.send(text);
  });
  ws.on('close', () => room?.delete(ws));
});

process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(`memory ${JSON.stringify(process.memoryUsage())}\n`);
});
