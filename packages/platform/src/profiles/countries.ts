/**
 * ISO 3166-1 country codes, alpha-2 and alpha-3 (contract §8: `countryIso3Code`, `nationality`; §9:
 * `issuerCountry`, `nationality`), and the subdivisions of the countries whose addresses need a `stateCode`.
 */
const PAIRS =
  'AD AND AE ARE AF AFG AG ATG AI AIA AL ALB AM ARM AO AGO AQ ATA AR ARG AS ASM AT AUT AU AUS AW ABW AX ALA ' +
  'AZ AZE BA BIH BB BRB BD BGD BE BEL BF BFA BG BGR BH BHR BI BDI BJ BEN BL BLM BM BMU BN BRN BO BOL BQ BES ' +
  'BR BRA BS BHS BT BTN BV BVT BW BWA BY BLR BZ BLZ CA CAN CC CCK CD COD CF CAF CG COG CH CHE CI CIV CK COK ' +
  'CL CHL CM CMR CN CHN CO COL CR CRI CU CUB CV CPV CW CUW CX CXR CY CYP CZ CZE DE DEU DJ DJI DK DNK DM DMA ' +
  'DO DOM DZ DZA EC ECU EE EST EG EGY EH ESH ER ERI ES ESP ET ETH FI FIN FJ FJI FK FLK FM FSM FO FRO FR FRA ' +
  'GA GAB GB GBR GD GRD GE GEO GF GUF GG GGY GH GHA GI GIB GL GRL GM GMB GN GIN GP GLP GQ GNQ GR GRC GS SGS ' +
  'GT GTM GU GUM GW GNB GY GUY HK HKG HM HMD HN HND HR HRV HT HTI HU HUN ID IDN IE IRL IL ISR IM IMN IN IND ' +
  'IO IOT IQ IRQ IR IRN IS ISL IT ITA JE JEY JM JAM JO JOR JP JPN KE KEN KG KGZ KH KHM KI KIR KM COM KN KNA ' +
  'KP PRK KR KOR KW KWT KY CYM KZ KAZ LA LAO LB LBN LC LCA LI LIE LK LKA LR LBR LS LSO LT LTU LU LUX LV LVA ' +
  'LY LBY MA MAR MC MCO MD MDA ME MNE MF MAF MG MDG MH MHL MK MKD ML MLI MM MMR MN MNG MO MAC MP MNP MQ MTQ ' +
  'MR MRT MS MSR MT MLT MU MUS MV MDV MW MWI MX MEX MY MYS MZ MOZ NA NAM NC NCL NE NER NF NFK NG NGA NI NIC ' +
  'NL NLD NO NOR NP NPL NR NRU NU NIU NZ NZL OM OMN PA PAN PE PER PF PYF PG PNG PH PHL PK PAK PL POL PM SPM ' +
  'PN PCN PR PRI PS PSE PT PRT PW PLW PY PRY QA QAT RE REU RO ROU RS SRB RU RUS RW RWA SA SAU SB SLB SC SYC ' +
  'SD SDN SE SWE SG SGP SH SHN SI SVN SJ SJM SK SVK SL SLE SM SMR SN SEN SO SOM SR SUR SS SSD ST STP SV SLV ' +
  'SX SXM SY SYR SZ SWZ TC TCA TD TCD TF ATF TG TGO TH THA TJ TJK TK TKL TL TLS TM TKM TN TUN TO TON TR TUR ' +
  'TT TTO TV TUV TW TWN TZ TZA UA UKR UG UGA UM UMI US USA UY URY UZ UZB VA VAT VC VCT VE VEN VG VGB VI VIR ' +
  'VN VNM VU VUT WF WLF WS WSM XK XKX YE YEM YT MYT ZA ZAF ZM ZMB ZW ZWE';

const ALPHA3_TO_2 = new Map<string, string>();
const ALPHA2_TO_3 = new Map<string, string>();
{
  const codes = PAIRS.split(' ');
  for (let i = 0; i < codes.length; i += 2) {
    ALPHA2_TO_3.set(codes[i]!, codes[i + 1]!);
    ALPHA3_TO_2.set(codes[i + 1]!, codes[i]!);
  }
}

/** The alpha-2 code of an alpha-3 code in either case, or null when it is not a country. */
export function alpha2Of(alpha3: string): string | null {
  return ALPHA3_TO_2.get(alpha3.toUpperCase()) ?? null;
}

export const isAlpha3 = (code: string): boolean => ALPHA3_TO_2.has(code.toUpperCase());
export const isAlpha2 = (code: string): boolean => ALPHA2_TO_3.has(code.toUpperCase());

/**
 * Contract §8: `stateCode` is required for these countries, and must be one of their first-level
 * subdivisions (ISO 3166-2, the part after the country prefix).
 */
export const STATES: Readonly<Record<string, readonly string[]>> = {
  USA: (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ' +
    'ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM'
  ).split(' '),
  CAN: 'AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '),
  BRA: 'AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO'.split(' '),
  AUS: 'ACT NSW NT QLD SA TAS VIC WA'.split(' '),
};

/** The normalised state code (`sp`, `BR-SP` → `SP`) when valid for the country, else null. */
export function stateOf(countryAlpha3: string, stateCode: string): string | null {
  const states = STATES[countryAlpha3.toUpperCase()];
  if (!states) return null;
  const prefix = `${alpha2Of(countryAlpha3)}-`;
  let code = stateCode.trim().toUpperCase();
  if (code.startsWith(prefix)) code = code.slice(prefix.length);
  return states.includes(code) ? code : null;
}

/** The alpha-3 code (upper case) of an alpha-2 code in either case, or null when it is not a country. */
export function alpha3Of(alpha2: string): string | null {
  return ALPHA2_TO_3.get(alpha2.toUpperCase()) ?? null;
}
