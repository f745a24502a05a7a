import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const removalPaths = ['customer_success', 'broker', 'hr_platform'] as const;

const seatCostCents = z
  .number()
  .nonnegative()
  .transform((dollars) => Math.round(dollars * 100));

/** One vendor as the operator describes it in the catalog file. */
export const vendorDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'id must be lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(80),
  benefit: z.string().trim().min(1).max(80),
  removalPath: z.enum(removalPaths),
  removalPathNote: z.string().trim().min(1).max(1000),
  contact: z.string().trim().min(1).max(300).optional(),
  slaBusinessDays: z.number().int().min(1).max(60).default(5),
  annualSeatCost: seatCostCents.optional(),
  seatCostNote: z.string().trim().max(300).optional(),
  checklist: z.array(z.string().trim().min(1).max(300)).min(1).max(10),
  active: z.boolean().default(true),
});

export type VendorDefinition = Omit<z.infer<typeof vendorDefinitionSchema>, 'annualSeatCost'> & {
  annualSeatCostCents?: number;
};

const catalogSchema = z.object({ vendors: z.array(vendorDefinitionSchema).min(1) });

/**
 * Reads the operator's vendor catalog (YAML or JSON): new vendors, or overrides of the seeded ones
 * (typically the contact and the agreed SLA). Throws one error naming every bad entry.
 */
export const readVendorCatalogFile = async (path: string): Promise<VendorDefinition[]> => {
  let document: unknown;
  try {
    document = parseYaml(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`VENDOR_CATALOG_FILE ${path}: ${(error as Error).message}`);
  }
  const parsed = catalogSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`VENDOR_CATALOG_FILE ${path} is not valid:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data.vendors.map(({ annualSeatCost, ...vendor }) => ({
    ...vendor,
    ...(annualSeatCost !== undefined ? { annualSeatCostCents: annualSeatCost } : {}),
  }));
};
