import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { EventModel } from './event.model.js';

@ObjectType('WriteResult', { description: 'What a mutation appended to the log.' })
export class WriteResultModel {
  @Field(() => ID, { description: 'The id of the article, actor or fact written.' })
  id!: string;
  @Field(() => Int, {
    description: 'The log position after the write: pass it as minPosition to read your write.',
  })
  position!: number;
  @Field(() => [EventModel], { description: 'The events appended (none for a retry).' })
  events!: EventModel[];
  @Field({
    description:
      'True when this very command was already recorded (a retry): nothing was appended, and position is where it was recorded. A correction counts as a retry only while its fact has not changed since; sent again after that, it is recorded again.',
  })
  alreadyApplied!: boolean;
}
