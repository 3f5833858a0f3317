import { ActorResolver } from './actor.resolver.js';
import { ArticleResolver } from './article.resolver.js';
import { FactResolver } from './fact.resolver.js';
import { InteractionResolver } from './interaction.resolver.js';
import { LogResolver } from './log.resolver.js';
import { MutationResolver } from './mutation.resolver.js';
import { SubscriptionResolver } from './subscription.resolver.js';

/** Every resolver class: the app module provides them and the schema is built from them. */
export const resolvers = [
  ActorResolver,
  ArticleResolver,
  FactResolver,
  InteractionResolver,
  LogResolver,
  MutationResolver,
  SubscriptionResolver,
];
