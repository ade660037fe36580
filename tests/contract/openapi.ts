/**
 * Circle's OpenAPI files, read for the contract tests: the 200 examples of an endpoint, and a
 * validator for its response schema (ajv, with OpenAPI 3.0's `nullable`).
 *
 * The schemas declare fields but require none, so as written nearly any object passes them.
 * The contract is made to bite by requiring every field the schema declares, wherever Circle's
 * own examples all carry it ("as Circle sends it"); `strictSchema` does that, and each example is
 * checked against the result too, so the tightening never asks for more than Circle shows.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

export const MEMBER_SPEC = fileURLToPath(new URL('./spec/headless-client-v1.yaml', import.meta.url));

interface Operation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown; examples?: Record<string, { value?: unknown }> }> }>;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export class Spec {
  readonly doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

  constructor(file = MEMBER_SPEC) {
    this.doc = parse(readFileSync(file, 'utf8')) as Spec['doc'];
  }

  private response(path: string, method: string, status = '200') {
    const operation = this.doc.paths[path]?.[method.toLowerCase()];
    const content = operation?.responses?.[status]?.content?.['application/json'];
    if (!content) throw new Error(`the spec has no ${status} JSON answer for ${method} ${path}`);
    return content;
  }

  /** Named example values; an example without a value (the spec has one) is left out. */
  examples(path: string, method: string, status = '200'): [string, unknown][] {
    return Object.entries(this.response(path, method, status).examples ?? {})
      .filter(([, example]) => example.value !== undefined)
      .map(([name, example]) => [name, example.value]);
  }

  /** The response schema with its refs resolved in place (the spec has no recursive ones). */
  schema(path: string, method: string, status = '200'): unknown {
    const schema = this.response(path, method, status).schema;
    if (schema === undefined) throw new Error(`the spec has no schema for ${method} ${path} ${status}`);
    return this.resolve(schema, 0);
  }

  /** The JSON request body's schema, refs resolved. */
  requestSchema(path: string, method: string): unknown {
    const schema = this.doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
    if (schema === undefined) throw new Error(`the spec has no request body for ${method} ${path}`);
    return this.resolve(schema, 0);
  }

  /** A named schema of `components`, refs resolved. */
  component(name: string): unknown {
    return this.resolve({ $ref: `#/components/schemas/${name}` }, 0);
  }

  private resolve(node: unknown, depth: number): unknown {
    if (depth > 40) throw new Error('schema nesting too deep');
    if (Array.isArray(node)) return node.map((item) => this.resolve(item, depth + 1));
    if (!isObject(node)) return node;
    const ref = node.$ref;
    if (typeof ref === 'string') {
      const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
      const target = name ? this.doc.components.schemas[name] : undefined;
      if (!target) throw new Error(`unresolved ${ref}`);
      const { $ref: _ref, ...rest } = node;
      return this.resolve({ ...(target as Json), ...rest }, depth + 1);
    }
    const resolved = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, this.resolve(value, depth + 1)]));
    // ajv takes OpenAPI's `nullable` only beside a `type`; the spec also puts it beside a bare `oneOf`.
    if (resolved.nullable === true && resolved.type === undefined) {
      const { nullable: _nullable, ...rest } = resolved;
      return { anyOf: [rest, { type: 'null' }] };
    }
    return resolved;
  }

  compile(schema: unknown): ValidateFunction {
    return this.ajv.compile(schema as Json);
  }
}

/**
 * Every declared property that all of the examples carry becomes required, at every level
 * (array items are matched against every element of the examples' arrays): what Circle always
 * sends, and not what only some of its records have (a text node's `marks`, a comment's parent).
 */
export function strictSchema(schema: unknown, examples: unknown[]): unknown {
  if (!isObject(schema)) return schema;
  const out: Json = { ...schema };
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(schema[key])) out[key] = (schema[key] as unknown[]).map((part) => strictSchema(part, examples));
  }
  if (isObject(schema.items)) {
    const elements = examples.flatMap((example) => (Array.isArray(example) ? example : []));
    out.items = strictItems(schema.items, elements);
  }
  if (isObject(schema.properties)) {
    const objects = examples.filter(isObject);
    const properties: Json = {};
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    for (const [name, property] of Object.entries(schema.properties)) {
      const values = objects.filter((o) => Object.hasOwn(o, name)).map((o) => o[name]);
      if (objects.length > 0 && values.length === objects.length) required.add(name);
      properties[name] = strictSchema(property, values.filter((value) => value !== null));
    }
    out.properties = properties;
    if (required.size > 0) out.required = [...required];
  }
  return out;
}

/**
 * Items told apart by `type` (TipTap nodes and marks) are held to what the examples show of
 * their own kind: a link mark's `attrs` is not asked of a bold one. Kinds the examples never
 * show keep the spec's own rules.
 */
function strictItems(items: Json, elements: unknown[]): unknown {
  const typed = elements.length > 0 && elements.every((element) => isObject(element) && typeof element.type === 'string');
  if (!typed) return strictSchema(items, elements);
  const kinds = [...new Set(elements.map((element) => (element as Json).type as string))];
  return {
    allOf: [
      items,
      ...kinds.map((kind) => ({
        if: { properties: { type: { const: kind } }, required: ['type'] },
        then: strictSchema(items, elements.filter((element) => (element as Json).type === kind)),
      })),
    ],
  };
}

/** ajv's errors, short enough to read in a failing test. */
export function errorsOf(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).slice(0, 12).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
}
