import type { ActorKind } from '@dateline/domain';

/** What the draft needs to know of an actor already in the log (an ActorView fits). */
export interface KnownActor {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: readonly string[];
  country?: string | undefined;
}

export interface Mention {
  actorId: string;
  /** The words as written. */
  text: string;
  start: number;
  end: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds known actors by name and alias. Longer names win over the shorter names inside them
 * ("Russian President Vladimir Putin" over "Putin"), a mention never overlaps another, and a
 * name matches as whole words only. Case matters, except that a name written in lower case
 * ("a French presidential official") may open a sentence with a capital: short aliases (US, EU)
 * and surnames (Trump) are ordinary words in other cases.
 */
export function createActorMatcher(actors: readonly KnownActor[]): (text: string) => Mention[] {
  const names: { actorId: string; name: string }[] = [];
  for (const actor of actors) {
    // Composed (NFC), as draftCuration reads the article: "Élysée" typed with a combining accent
    // is the same name.
    for (const name of new Set([actor.name, ...actor.aliases].map((n) => n.normalize('NFC')))) {
      if (name.trim().length >= 2) names.push({ actorId: actor.id, name: name.trim() });
    }
  }
  names.sort((a, b) => b.name.length - a.name.length || (a.actorId < b.actorId ? -1 : 1));
  const patterns = names.map(({ actorId, name }) => {
    const first = name[0]!;
    // A name written in lower case may open a sentence in upper case; one written in upper case
    // is matched only so ("trump security concerns" is a verb, "the electoral commission" not
    // the European one).
    const head =
      first !== first.toUpperCase()
        ? `[${escapeRegExp(first)}${escapeRegExp(first.toUpperCase())}]`
        : escapeRegExp(first);
    return {
      actorId,
      regex: new RegExp(
        `(?<![\\p{L}\\p{N}])${head}${escapeRegExp(name.slice(1))}(?![\\p{L}\\p{N}])`,
        'gu',
      ),
    };
  });
  return (text) => {
    const taken: Mention[] = [];
    for (const { actorId, regex } of patterns) {
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        const start = m.index;
        const end = start + m[0].length;
        if (taken.some((t) => start < t.end && t.start < end)) continue;
        taken.push({ actorId, text: m[0], start, end });
      }
    }
    return taken.sort((a, b) => a.start - b.start);
  };
}
