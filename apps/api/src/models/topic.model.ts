import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Topic', { description: 'A topic of the timeline and how many facts carry it.' })
export class TopicModel {
  @Field()
  name!: string;
  @Field(() => Int, { description: 'Facts with this topic, retracted ones included.' })
  factCount!: number;
}
