import { graphql } from '@/gql';

/** Everything a fact card shows. */
export const FactCardFields = graphql(`
  fragment FactCardFields on Fact {
    id
    kind
    status
    summary
    retracted
    corrected
    lastPosition
    retraction {
      reason
    }
    occurred {
      earliest
      latest
      precision
      label
      expression
    }
    participants {
      role
      actor {
        id
        name
        country
      }
    }
    quotes {
      text
      speaker {
        id
        name
      }
    }
    sources {
      paragraph
      excerpt
      dateExpression
      article {
        id
        headline
        publisher
        publishedAt
      }
    }
    topics
    places
    history {
      position
      type
      recordedAt
      changedFields
      description
      reason
    }
  }
`);

export const StorylineQuery = graphql(`
  query Storyline($filter: TimelineFilter, $first: Int, $after: String, $asOf: AsOf) {
    timeline(filter: $filter, first: $first, after: $after, asOf: $asOf) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...FactCardFields
        }
      }
    }
    logHead {
      position
      hash
    }
  }
`);

/** The storyline form's choices beyond the facts shown: every actor (for names and countries). */
export const FilterOptionsQuery = graphql(`
  query FilterOptions {
    actors {
      id
      name
      country
    }
    topics {
      name
    }
  }
`);

export const FactPageQuery = graphql(`
  query FactPage($id: ID!, $asOf: AsOf) {
    fact(id: $id, asOf: $asOf) {
      ...FactCardFields
      sources {
        paragraph
        excerpt
        dateExpression
        note
        article {
          id
          headline
          publisher
          publishedAt
          url
        }
      }
      history {
        before
        after
        article {
          id
          headline
        }
        evidence {
          paragraph
          excerpt
          dateExpression
          article {
            id
            headline
            publisher
            publishedAt
          }
        }
      }
      links {
        relation
        direction
        evidence {
          paragraph
          excerpt
          note
          article {
            id
            headline
            publisher
            publishedAt
          }
        }
        fact {
          id
          summary
          occurred {
            earliest
            latest
            precision
          }
        }
      }
    }
  }
`);

export const ActorPageQuery = graphql(`
  query ActorPage($id: ID!, $asOf: AsOf) {
    actor(id: $id, asOf: $asOf) {
      id
      name
      kind
      title
      country
      aliases
      facts(first: 100) {
        totalCount
        edges {
          node {
            ...FactCardFields
          }
        }
      }
    }
    interactions(filter: { actorIds: [$id] }, asOf: $asOf) {
      source {
        id
        name
      }
      target {
        id
        name
      }
      kinds
      facts {
        id
      }
    }
  }
`);

export const ActorsIndexQuery = graphql(`
  query ActorsIndex {
    actors {
      id
      name
      kind
      title
      country
    }
  }
`);

export const ArticlePageQuery = graphql(`
  query ArticlePage($id: ID!, $asOf: AsOf) {
    article(id: $id, asOf: $asOf) {
      id
      headline
      publisher
      publishedAt
      url
      facts {
        ...FactCardFields
      }
    }
  }
`);

export const ArticlesIndexQuery = graphql(`
  query ArticlesIndex {
    articles {
      id
      headline
      publisher
      publishedAt
    }
  }
`);

export const GraphQuery = graphql(`
  query Graph($first: Int!, $factsPerEdge: Int!) {
    interactionCount
    interactions(orderBy: FACTS, first: $first) {
      source {
        id
        name
        kind
      }
      target {
        id
        name
        kind
      }
      kinds
      factCount
      facts(first: $factsPerEdge) {
        id
        summary
      }
    }
  }
`);

export const LogPageQuery = graphql(`
  query LogPage($after: Int, $first: Int) {
    events(after: $after, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          position
          streamId
          streamVersion
          type
          recordedAt
          data
          prevHash
          hash
        }
      }
    }
    logHead {
      position
      hash
    }
  }
`);

export const LogHeadQuery = graphql(`
  query LogHead {
    logHead {
      position
      hash
    }
  }
`);
