import type { Server } from 'node:http';

import type { Express } from 'express';

/** Starts the HTTP server; rejects with the listen error (such as EADDRINUSE) instead of crashing. */
export function listen(app: Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? ` Another process uses ${host}:${port}; set PORT to a free port.` : '';
      reject(new Error(`Could not listen on ${host}:${port}: ${error.message}.${hint}`, { cause: error }));
    });
  });
}

/** Stops accepting connections and waits for open requests, closing idle keep-alive sockets at once. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
