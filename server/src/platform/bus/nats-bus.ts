import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from '../log';
import type { DomainEvents, EventBus, EventHandler, EventName } from './event-bus';

/**
 * The scale-out bus: every node publishes domain events to NATS and hears every other node's, so a message sent
 * through one node reaches sockets held by all of them.
 */
export class NatsEventBus implements EventBus {
  private readonly subscriptions = new Set<Subscription>();

  private readonly prefix: string;

  private constructor(
    private readonly nc: NatsConnection,
    subjectPrefix: string,
    private readonly log: Logger,
  ) {
    this.prefix = `${subjectPrefix}.events.`;
  }

  /** All nodes of one deployment use the same subject prefix; another deployment on the same NATS uses another. */
  static async connect(options: { url: string; subjectPrefix: string }, log: Logger): Promise<NatsEventBus> {
    const nc = await connect({ servers: options.url, name: 'maum', maxReconnectAttempts: -1 });
    return new NatsEventBus(nc, options.subjectPrefix, log);
  }

  async publish<K extends EventName>(name: K, data: DomainEvents[K]): Promise<void> {
    this.nc.publish(this.prefix + name, JSON.stringify(data));
  }

  subscribe<K extends EventName>(name: K, handler: EventHandler<K>): () => void {
    const sub = this.nc.subscribe(this.prefix + name, {
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
