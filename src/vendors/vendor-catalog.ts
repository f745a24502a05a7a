import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const removalPaths = ['customer_success', 'broker', 'hr_platform'] as const;

/**
 * One vendor as the operator writes it in the catalog file. For a vendor already in the catalog (such as the
 * three seeded ones) only the fields given change; a new vendor needs every field without a default.
 */
export const vendorEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and dashes'),
    name: z.string().trim().min(1).max(80),
    benefit: z.string().trim().min(1).max(80),
    removalPath: z.enum(removalPaths),
    removalPathNote: z.string().trim().min(1).max(1000),
    contact: z.string().trim().min(1).max(300).nullable(),
    slaBusinessDays: z.number().int().min(1).max(60),
    annualSeatCost: z.number().nonnegative().max(1_000_000).nullable(),
    seatCostNote: z.string().trim().max(300).nullable(),
    checklist: z.array(z.string().trim().min(1).max(300)).min(1).max(10),
    active: z.boolean(),
  })
  .partial()
  .required({ id: true })
  .strict();

export type VendorEntry = z.infer<typeof vendorEntrySchema>;

const catalogSchema = z.object({ vendors: z.array(vendorEntrySchema).min(1) }).strict();

export const requiredForNewVendor = [
  'name',
  'benefit',
  'removalPath',
  'removalPathNote',
  'checklist',
] as const;

/** Parses a catalog document (YAML or JSON text); throws one error naming every bad entry. */
export const parseVendorCatalog = (text: string, source: string): VendorEntry[] => {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`);
  }
  const parsed = catalogSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'catalog'}: ${issue.message}`,
    );
    throw new Error(`${source} is not a valid vendor catalog:\n  - ${problems.join('\n  - ')}`);
  }
  const ids = parsed.data.vendors.map((vendor) => vendor.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) throw new Error(`${source}: vendor ${repeated.join(', ')} appears more than once`);
  return parsed.data.vendors;
};

export const readVendorCatalogFile = async (path: string): Promise<VendorEntry[]> =>
  parseVendorCatalog(await readFile(path, 'utf8'), `VENDOR_CATALOG_FILE ${path}`);
