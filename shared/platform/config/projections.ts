/**
 * What each function's bundle carries of the configuration: one schema per function, made from the
 * full schema's own parts, so each field is validated exactly as in the YAML file. `cdk synth`
 * parses the (sealed) configuration through the function's schema, which keeps only these fields,
 * and inlines the result; the function parses its bundle through the same schema. A handler sees
 * only its projection's type, so code that reads a field its function does not carry is a type
 * error, not a runtime surprise.
 *
 * Sources are carried whole only by the poller (URLs, selectors, search terms); the others carry
 * a source's id, name, group and outlet. Alert routes (with their sealed secrets) go to the alerter
 * alone. Priority queries go to the classifier, the planner and the review API (whose "plan" and
 * grid checks compile them), never to the poller.
 */
import * as z from 'zod';
import { configSchema, type Config } from './schema.js';

/** The six functions (topology.ts says what each does); named here so that config does not import the topology. */
export type FunctionId = 'poller' | 'classifier' | 'alerter' | 'briefing' | 'planner' | 'review-api';

const full = configSchema.shape;
const sourceShape = full.sources.element.shape;

/** A source as the functions that only name or weigh sources see it: no URL, selectors or search terms. */
const sourceRef = z.object({
  id: sourceShape.id,
  name: sourceShape.name,
  group: sourceShape.group,
  outlet: sourceShape.outlet,
  // The Parliament section's "Our MPs" counts a source's own watched members too.
  members: sourceShape.members,
});

/** Every function: its council's names (logs, subjects) and how long its rows are kept (the stores). */
const common = { council: full.council, retention: full.retention } as const;

/** The part every bundle carries, which the shared container's stores read. */
export const commonConfigSchema = z.object(common);
export type CommonConfig = z.output<typeof commonConfigSchema>;

/** The grid's rules and drafts: the planner's, and the review API's (it replans and rechecks slots). */
const gridSide = {
  ...common,
  mayor: full.mayor,
  legislation: full.legislation,
  priorities: full.priorities,
  sensitivity: full.sensitivity,
  groups: full.groups,
  sources: z.array(sourceRef).min(1),
  grid: full.grid,
} as const;

const schemas = {
  poller: z.object({
    ...common,
    // Parliament sources search for the council's, the places' and the Mayor's names by default.
    mayor: full.mayor,
    places: full.places,
    parliament: full.parliament,
    sources: full.sources,
    groups: full.groups,
    maxAgeDays: full.maxAgeDays,
    maxItemsPerPoll: full.maxItemsPerPoll,
    network: full.network,
    // The "sources failing" alarm counts with the briefing's threshold.
    briefing: z.object({ failingSourceHours: full.briefing.shape.failingSourceHours }),
  }),
  classifier: z.object({
    ...common,
    mayor: full.mayor,
    legislation: full.legislation,
    priorities: full.priorities,
    sensitivity: full.sensitivity,
    sources: z.array(sourceRef).min(1),
  }),
  alerter: z.object({
    ...common,
    // Alerts name the Mayor (and the cabinet, under sensitivity) where the item does.
    mayor: full.mayor,
    alerts: full.alerts,
    sensitivity: full.sensitivity,
    // Alerts go from briefing.from and answer to briefing.replyTo when alerts has none of its own.
    // Alert emails link the story view and the acknowledge page on the review page's address.
    briefing: z.object({ from: full.briefing.shape.from, replyTo: full.briefing.shape.replyTo, reviewUrl: full.briefing.shape.reviewUrl }),
    network: full.network,
    email: full.email,
  }),
  briefing: z.object({
    ...common,
    mayor: full.mayor,
    places: full.places,
    legislation: full.legislation,
    priorities: full.priorities,
    sensitivity: full.sensitivity,
    // The Parliament section's "Our MPs".
    parliament: full.parliament,
    sources: z.array(sourceRef).min(1),
    briefing: full.briefing,
    email: full.email,
  }),
  planner: z.object(gridSide),
  // The acknowledge page links back to the story view on the review page's address.
  'review-api': z.object({ ...gridSide, briefing: z.object({ reviewUrl: full.briefing.shape.reviewUrl }) }),
} satisfies Record<FunctionId, z.ZodType>;

/** What the grid's planning, rules and review read: the planner's and the review API's projection. */
export type GridSideConfig = z.output<z.ZodObject<typeof gridSide>>;

/** The configuration function `F` carries and sees. */
export type FunctionConfig<F extends FunctionId> = z.output<(typeof schemas)[F]>;

/** Each function's schema, typed so that indexing with a function id gives that function's type. */
export const functionConfigSchemas: { readonly [F in FunctionId]: z.ZodType<FunctionConfig<F>> } = schemas;

/**
 * The part of a (sealed) configuration function `id` carries: everything else is dropped, and what
 * is kept is validated by the same schema the function reads it with, so a projection that lacks a
 * field its function needs fails `cdk synth`, not a Lambda.
 */
export function projectConfig<F extends FunctionId>(id: F, config: Config): FunctionConfig<F> {
  return functionConfigSchemas[id].parse(config);
}
