/*
 * Zone-file templates for makeZoneFile (npm `zone-file` 1.x). A template is text with
 * `{placeholder}`s: `{$origin}`, `{$ttl}`, one per record list (`{ns}`, `{mx}`, `{a}`,
 * `{aaaa}`, `{cname}`, `{ptr}`, `{txt}`, `{srv}`, `{spf}`, `{uri}`), the SOA fields
 * (`{name}`, `{ttl}`, `{mname}`, `{rname}`, `{serial}`, `{refresh}`, `{retry}`, `{expire}`,
 * `{minimum}`), and `{zone}`, `{datetime}`, `{time}`. Only the first occurrence of each is
 * filled in.
 */

/**
 * The reference's default template, byte for byte. Its SOA placeholders stay in the output
 * when the zone has no SOA record — a zone file made from `{ $origin, $ttl, uri }` with this
 * template contains the literal line `{name} {ttl}    IN  SOA {mname}{rname}(`.
 */
export const DEFAULT_ZONE_FILE_TEMPLATE =
  '{$origin}\n' +
  '{$ttl}\n' +
  '\n' +
  '; SOA Record\n' +
  '{name} {ttl}    IN  SOA {mname}{rname}(\n' +
  '{serial} ;serial\n' +
  '{refresh} ;refresh\n' +
  '{retry} ;retry\n' +
  '{expire} ;expire\n' +
  '{minimum} ;minimum ttl\n' +
  ')\n' +
  '\n' +
  '; NS Records\n' +
  '{ns}\n' +
  '\n' +
  '; MX Records\n' +
  '{mx}\n' +
  '\n' +
  '; A Records\n' +
  '{a}\n' +
  '\n' +
  '; AAAA Records\n' +
  '{aaaa}\n' +
  '\n' +
  '; CNAME Records\n' +
  '{cname}\n' +
  '\n' +
  '; PTR Records\n' +
  '{ptr}\n' +
  '\n' +
  '; TXT Records\n' +
  '{txt}\n' +
  '\n' +
  '; SRV Records\n' +
  '{srv}\n' +
  '\n' +
  '; SPF Records\n' +
  '{spf}\n' +
  '\n' +
  '; URI Records\n' +
  '{uri}\n';

/** The template blockstack.js `makeProfileZoneFile` passes (auth-and-storage.md §5.4). */
export const PROFILE_ZONE_FILE_TEMPLATE = '{$origin}\n{$ttl}\n{uri}\n';
