/** A record's field values already rendered as Python 2 `str()` would, keyed by field name. */
export type RenderedFields = Readonly<Record<string, string>>;

/** A canonical record seen as untyped data: the renderers check every value they read. */
export type UntypedRecord = Readonly<Record<string, unknown>>;
