// Favourites: device entities and saved buttons pinned to the tray menu and the quick palette. Pinned entities
// are kept in the settings by id; a saved button's pin is its own `pinned` field.
import { z } from 'zod';
import { Empty } from './common.ts';
import { EntityControl } from './devices.ts';

export const FavouriteKind = z.enum(['entity', 'button']);
export type FavouriteKind = z.infer<typeof FavouriteKind>;

export const Favourite = z.object({
  kind: FavouriteKind,
  /** The entity's id or the saved button's id. */
  id: z.string(),
  name: z.string(),
  /** The device an entity belongs to; absent for buttons. */
  deviceName: z.string().optional(),
  /** How it is driven: a button is pressed; an entity by its control (toggle, press, ...). */
  control: z.union([EntityControl, z.literal('button')]),
  /** A toggle's on/off; null when not seen yet or not a toggle. */
  on: z.boolean().nullable(),
  /** false: the device says offline, or the pinned entity is not (or no longer) announced. */
  available: z.boolean(),
});
export type Favourite = z.infer<typeof Favourite>;

export const favouriteCommands = {
  /** Every pinned entity and button with its current state, entities first, in the order they were pinned. */
  'favourites.list': { request: Empty, response: z.object({ favourites: z.array(Favourite) }) },
  /** Pins or unpins an entity or a saved button; replies with the favourites after the change. */
  'favourites.set': {
    request: z.object({ kind: FavouriteKind, id: z.string().min(1).max(512), pinned: z.boolean() }).strict(),
    response: z.object({ favourites: z.array(Favourite) }),
  },
} as const;

/** The pins changed (not their state: that comes with devices.changed); listeners fetch favourites.list. */
export const FavouritesChanged = z.object({});
