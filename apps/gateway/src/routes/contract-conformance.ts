import type { ServiceRouters } from '@insights/clients';
import type { JsonValue, restContract } from '@insights/contracts';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRoute, ServerInferResponseBody } from '@ts-rest/core';

/**
 * Compile-time checks that what each service procedure answers is, field for field, what the REST contract says the
 * route built from it answers: the build fails when a service returns a field the contract lacks, lacks one it
 * declares, or types one differently. (The routes themselves are type-checked against the contract too; this also
 * catches the extra fields that plain assignability lets through.)
 */

type Output<S extends keyof ServiceRouters, P extends keyof inferRouterOutputs<ServiceRouters[S]>> = inferRouterOutputs<
  ServiceRouters[S]
>[P];
type Body<R extends AppRoute, Status extends keyof R['responses']> = ServerInferResponseBody<R, Status>;

type KeysOf<T> = T extends unknown ? keyof T : never;
/** The keys a contract type declares; a string index signature declares numeric keys too. */
type DeclaredKeys<T> = KeysOf<T> | (string extends KeysOf<T> ? number : never);
type ValueAt<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/**
 * The names of the fields, at any depth, that `Service` has and `Contract` does not declare. Where the contract takes
 * any JSON value there is nothing more to compare.
 */
type ExtraFields<Service, Contract> = [JsonValue] extends [Contract]
  ? never
  : Service extends readonly (infer Item)[]
    ? Contract extends readonly (infer ContractItem)[]
      ? ExtraFields<Item, ContractItem>
      : never
    : Service extends object
      ?
          | Exclude<keyof Service, DeclaredKeys<Contract>>
          | {
              [K in keyof Service]-?: K extends KeysOf<Contract>
                ? ExtraFields<Service[K], ValueAt<Contract, K>>
                : never;
            }[keyof Service]
      : never;

/** True when every answer of the service is a valid answer of the contract, with no field the contract lacks. */
type Conforms<Service, Contract> = [Service] extends [Contract]
  ? [ExtraFields<Service, Contract>] extends [never]
    ? true
    : { 'fields the contract lacks': ExtraFields<Service, Contract> }
  : 'the service answer does not fit the contract';

type Assert<Result extends true> = Result;

type Routes = typeof restContract;
type ListPage = Body<Routes['insights']['list'], 200>;
type ActivityPage = Body<Routes['activity']['allActivity'], 200>;
type TrendingPage = Body<Routes['views']['trending'], 200>;

export type ServiceOutputsConformToTheContract = [
  Assert<Conforms<Output<'insights', 'retrieve'>, Body<Routes['insights']['retrieve'], 200>>>,
  Assert<Conforms<Output<'insights', 'create'>, Body<Routes['insights']['create'], 201>>>,
  Assert<Conforms<Output<'insights', 'update'>, Body<Routes['insights']['update'], 200>>>,
  Assert<Conforms<Output<'insights', 'list'>['results'], ListPage['results']>>,
  Assert<Conforms<Output<'insights', 'bulkUpdateTags'>, Body<Routes['insights']['bulkUpdateTags'], 200>>>,
  Assert<Conforms<Output<'views', 'lastViewed'>, Body<Routes['views']['myLastViewed'], 200>>>,
  Assert<Conforms<Output<'views', 'trending'>['results'], TrendingPage['results']>>,
  Assert<Conforms<Output<'activity', 'list'>['results'], ActivityPage['results']>>,
];

// The check itself: an extra field, even nested, fails it; a narrower type (a field that is always null) does not.
// @ts-expect-error an extra field the contract lacks
type _ExtraField = Assert<Conforms<{ id: number; secret: string }, { id: number }>>;
// @ts-expect-error an extra nested field the contract lacks
type _ExtraNested = Assert<Conforms<{ user: { id: number; secret: string }[] }, { user: { id: number }[] }>>;
type _Narrower = Assert<Conforms<{ trigger: null }, { trigger: unknown }>>;
