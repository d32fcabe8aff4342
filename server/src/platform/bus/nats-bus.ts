import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from '../log';
import type { DomainEvents, EventBus, EventHandler, EventName } from './event-bus';

const SUBJECT_PREFIX = 'maum.events.';

/**
 * The scale-out bus: every node publishes domain events to NATS and hears every other node's, so a message sent
 * through one node reaches sockets held by all of them.
 */
export class NatsEventBus implements EventBus {
  private readonly subscriptions = new Set<Subscription>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly log: Logger,
  ) {}

  static async connect(url: string, log: Logger): Promise<NatsEventBus> {
    const nc = await connect({ servers: url, name: 'maum', maxReconnectAttempts: -1 });
    return new NatsEventBus(nc, log);
  }

  async publish<K extends EventName>(name: K, data: DomainEvents[K]): Promise<void> {
    this.nc.publish(SUBJECT_PREFIX + name, JSON.stringify(data));
  }

  subscribe<K extends EventName>(name: K, handler: EventHandler<K>): () => void {
    const sub = this.nc.subscribe(SUBJECT_PREFIX + name, {
      callback: (err, msg) => {
        if (err) {
          this.log.error({ err, event: name }, 'event subscription failed');
          return;
        }
        try {
          void Promise.resolve(handler(msg.json<DomainEvents[K]>())).catch((error: unknown) =>
            this.log.error({ err: error, event: name }, 'event handler failed'),
          );
        } catch (error) {
          this.log.error({ err: error, event: name }, 'event handler failed');
        }
      },
    });
    this.subscriptions.add(sub);
    return () => {
      sub.unsubscribe();
      this.subscriptions.delete(sub);
    };
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}
