import type { ComponentType } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { CardMessageBody, type ChatCard, type ChatCardType } from '@maum/protocol';

type CardOf<T extends ChatCardType> = Extract<ChatCard, { type: T }>;

/** How the web shows one type of chat card. Chat knows cards only through these; the features that send them register them. */
export interface CardRenderer<T extends ChatCardType> {
  /** The card in a bubble. `mine`: the viewer posted it (a gift they sent, a refusal they made). */
  Bubble: ComponentType<{ card: CardOf<T>; mine: boolean; senderName: string }>;
  /** Extra classes for the bubble around it. */
  bubbleClass?: string;
  /** The line a chat list shows for it; the card's own text when absent. */
  preview?(t: TFunction, card: CardOf<T>): string;
  /** What to refresh when one arrives live (a gift box, a wallet, a list of certificates). */
  arrived?(queryClient: QueryClient, card: CardOf<T>, mine: boolean): void;
}

const renderers = new Map<ChatCardType, CardRenderer<ChatCardType>>();

/** Registers how a type of card is shown (done once, at start, in `app/cards.ts`). */
export function registerCard<T extends ChatCardType>(type: T, renderer: CardRenderer<T>): void {
  renderers.set(type, renderer as unknown as CardRenderer<ChatCardType>);
}

/** A card message's body: its text always, its card when this app can read it. */
export function readCard(body: Record<string, unknown>): { text: string; card: ChatCard | null } {
  const parsed = CardMessageBody.safeParse(body);
  if (parsed.success) return parsed.data;
  return { text: typeof body.text === 'string' ? body.text : '', card: null };
}

function rendererOf(card: ChatCard | null): { card: ChatCard; renderer: CardRenderer<ChatCardType> } | null {
  const renderer = card ? renderers.get(card.type) : undefined;
  return card && renderer ? { card, renderer } : null;
}

/** A card in a bubble; a card this app cannot read or draw shows its text, so it always says something. */
export function CardContent({ body, mine, senderName }: { body: Record<string, unknown>; mine: boolean; senderName: string }) {
  const { text, card } = readCard(body);
  const found = rendererOf(card);
  if (!found) return <p className="bubble-text" data-testid="card-text">{text}</p>;
  const { Bubble } = found.renderer;
  return <Bubble card={found.card} mine={mine} senderName={senderName} />;
}

export function cardBubbleClass(body: Record<string, unknown>): string {
  const found = rendererOf(readCard(body).card);
  return found ? `bubble-gift ${found.renderer.bubbleClass ?? ''}`.trim() : 'bubble-text-kind';
}

export function cardPreview(t: TFunction, body: Record<string, unknown>): string {
  const { text, card } = readCard(body);
  const found = rendererOf(card);
  return found?.renderer.preview?.(t, found.card) ?? text;
}

export function cardArrived(queryClient: QueryClient, body: Record<string, unknown>, mine: boolean): void {
  const found = rendererOf(readCard(body).card);
  found?.renderer.arrived?.(queryClient, found.card, mine);
}
