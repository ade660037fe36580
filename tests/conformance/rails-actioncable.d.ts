// The parts of the official @rails/actioncable client the conformance test uses (it ships no types).
declare module '@rails/actioncable' {
  export interface SubscriptionMixin {
    connected?(): void;
    disconnected?(): void;
    rejected?(): void;
    received?(data: unknown): void;
  }
  export interface Subscription {
    identifier: string;
    unsubscribe(): void;
  }
  export interface Consumer {
    subscriptions: { create(params: Record<string, unknown>, mixin: SubscriptionMixin): Subscription };
    connect(): boolean;
    disconnect(): void;
  }
  export function createConsumer(url: string): Consumer;
  export const adapters: { WebSocket: unknown; logger: unknown };
}
