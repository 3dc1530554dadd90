"""Write N varied synthetic release records as JSON Lines (deterministic: same N, same seed,
same bytes).

    python benchmarks/generate_corpus.py 100000 -o benchmarks/out/corpus-100000.jsonl

Spread: agencies across real regions (Kemendagri codes from the shipped reference file),
~3 people per release drawn from a pool of 12 officials per agency (so people recur across
releases, as officials do; no two of one agency share a name), a reporter from the agency's
own 3 (a public-relations office has a handful, not one per release), quotes,
representations, cited regulations from a realistic list, events of every kind, dates over
2015–2025. Distinct people: 12 officials + 3 reporters per agency, 6 000 for 400 agencies.

(Before, the reporter was a random name per release: ~210 "reporters" per agency, 87 097
people in 100 000 releases where a realistic corpus has ~6 000; and two officials of one
agency could share a name, which the authority list rightly takes for one person.)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGIONS_CSV = ROOT / "src/infopublik_ld/records/data/wilayah-kemendagri-2025.csv"

EVENT_TYPES = ["sosialisasi", "rapat", "bimtek", "upacara", "peresmian", "kunjungan",
               "pertemuan", "pameran", "penandatanganan", "pernyataan", "lainnya"]
EVENT_NAMES = {
    "sosialisasi": "Sosialisasi {topic}", "rapat": "Rapat Koordinasi {topic}",
    "bimtek": "Bimbingan Teknis {topic}", "upacara": "Upacara Peringatan {topic}",
    "peresmian": "Peresmian {topic}", "kunjungan": "Kunjungan Kerja {topic}",
    "pertemuan": "Temu Konsultasi {topic}", "pameran": "Pameran {topic}",
    "penandatanganan": "Penandatanganan Nota Kesepahaman {topic}",
    "pernyataan": "Konferensi Pers {topic}", "lainnya": "Kegiatan {topic}",
}
TOPICS = ["Keterbukaan Informasi Publik", "Satu Data Indonesia", "Bakohumas",
          "Literasi Digital", "Pengelolaan Komunikasi Publik", "Smart City", "Pelayanan Publik",
          "Penanganan Stunting", "Pemilu Damai", "Hari Kemerdekaan", "Desa Digital",
          "Keamanan Siber", "UMKM Go Digital", "Sistem Pemerintahan Berbasis Elektronik"]
REGULATIONS = [("uu", "14", 2008, "Keterbukaan Informasi Publik"),
               ("inpres", "9", 2015, "Pengelolaan Komunikasi Publik"),
               ("perpres", "39", 2019, "Satu Data Indonesia"),
               ("perpres", "95", 2018, "Sistem Pemerintahan Berbasis Elektronik"),
               ("pp", "61", 2010, "Pelaksanaan Undang-Undang Nomor 14 Tahun 2008"),
               ("permen", "5", 2017, None),
               ("uu", "11", 2008, "Informasi dan Transaksi Elektronik"),
               ("uu", "27", 2022, "Pelindungan Data Pribadi"), ("perda", "3", 2021, None),
               ("perbup", "12", 2020, None), ("pergub", "79", 2018, None),
               ("kepmen", "117", 2010, None)]
FIRST = ["Abdul", "Siti", "Bambang", "Rina", "Agus", "Yohanes", "Sri", "Joko", "Dewi", "Made",
         "Nyoman", "Ahmad", "Fitri", "Hendra", "Maria", "Teuku", "Cut", "Andi", "Yusuf",
         "Lukas", "Rahmat", "Nur", "Putu", "Wayan", "Budi", "Herman", "Ratna", "Irwan",
         "Samuel", "Fransiska"]
LAST = ["Rangkuti", "Harahap", "Aminah", "Sutrisno", "Marlina", "Wambrauw", "Prasetyo",
        "Nasution", "Siregar", "Lubis", "Wijaya", "Saputra", "Pardede", "Matondang", "Daulay",
        "Kogoya", "Rumbiak", "Pattimura", "Latuconsina", "Mahmud", "Hasibuan", "Ginting"]
PREFIXES = [[], [], ["H."], ["Hj."], ["Drs."], ["Dr."], ["Ir."], ["Dr.", "Drs."], ["Prof."]]
SUFFIXES = [[], ["S.E."], ["S.H.", "M.H."], ["M.Si"], ["S.Sos", "M.AP"], ["S.T."], ["S.Kom"],
            ["S.STP", "M.AP"], ["M.M."]]
OFFICES = [("bupati", "Bupati"), ("wakil-bupati", "Wakil Bupati"), ("sekda", "Sekda"),
           ("asisten", "Asisten Administrasi Umum"), ("kepala-dinas", "Kepala Dinas Kominfo"),
           ("kepala-bidang", "Kabid Informasi Publik"), ("camat", "Camat"),
           ("kepala-bagian-humas", "Kabag Humas")]
QUOTE_PARTS = ["Keterbukaan informasi adalah hak masyarakat", "kami terus memperkuat koordinasi",
               "pelayanan publik harus cepat dan tepat", "data yang akurat menjadi dasar kebijakan",
               "humas pemerintah wajib menyampaikan informasi yang benar",
               "sinergi antar perangkat daerah sangat penting", "kegiatan ini diikuti seluruh OPD",
               "masyarakat dapat memantau program pemerintah secara terbuka"]


def _regions() -> list[tuple[str, str]]:
    with REGIONS_CSV.open(encoding="utf-8") as f:
        return [(r["kode"], r["nama"]) for r in csv.DictReader(f)
                if r["tingkat"] == "kabupaten/kota"]


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


class Generator:
    def __init__(self, seed: int = 20190904, agencies: int = 400):
        self.rng = random.Random(seed)
        self.aux = random.Random(seed + 1)
        regions = _regions()
        self.agencies = []
        for code, name in self.rng.sample(regions, min(agencies, len(regions))):
            short = name.replace("Kabupaten ", "").replace("Kota ", "")
            people = [self._person(short) for _ in range(12)]
            taken: set[str] = set()
            for p in people:  # two officials of one agency never share a name
                while p["id"] in taken:
                    self._rename(p, f"{p['name'].split()[0]} {self.aux.choice(FIRST)} "
                                    f"{p['name'].split()[-1]}")
                taken.add(p["id"])
            reporters = []
            while len(reporters) < 3:
                who = f"{self.aux.choice(FIRST)} {self.aux.choice(LAST)}"
                if _slug(who) not in taken:
                    taken.add(_slug(who))
                    reporters.append(who)
            self.agencies.append({"code": code, "name": name, "short": short, "people": people,
                                  "reporters": reporters})

    @staticmethod
    def _rename(person: dict, name: str) -> None:
        person["label"] = person["label"].replace(person["name"], name)
        person["name"], person["id"] = name, _slug(name)

    def _person(self, place: str) -> dict:
        rng = self.rng
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {rng.choice(FIRST)} {last}" if rng.random() < 0.3 else f"{first} {last}"
        office, title = rng.choice(OFFICES)
        prefixes, suffixes = rng.choice(PREFIXES), rng.choice(SUFFIXES)
        label = " ".join([*prefixes, name]) + (", " + ", ".join(suffixes) if suffixes else "")
        return {"id": _slug(name), "name": name, "label": label, "honorific_prefixes": prefixes,
                "honorific_suffixes": suffixes, "job_title": f"{title} {place}", "office": office}

    def record(self, n: int) -> dict:
        rng = self.rng
        agency = rng.choice(self.agencies)
        kind = rng.choice(EVENT_TYPES)
        topic = rng.choice(TOPICS)
        year = rng.randint(2015, 2025)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        event_name = EVENT_NAMES[kind].format(topic=topic)
        headline = f"{event_name} di {agency['short']} ({n})"
        dinas = {"id": "dinas", "name": f"Dinas Komunikasi dan Informatika {agency['name']}",
                 "alternate_names": [f"Diskominfo {agency['short']}"], "kind": "unit",
                 "region": agency["code"], "parent": "pemda"}
        pemda = {"id": "pemda", "name": f"Pemerintah {agency['name']}", "kind": "government",
                 "region": agency["code"]}
        people = {p["id"]: dict(p, organization="pemda")
                  for p in rng.sample(agency["people"], rng.randint(1, 4))}
        people = list(people.values())
        reporter = {"id": "reporter", "name": rng.choice(agency["reporters"])}
        quotes = [{"text": f"{rng.choice(QUOTE_PARTS).capitalize()}, {rng.choice(QUOTE_PARTS)}.",
                   "speaker": rng.choice(people)["id"]} for _ in range(rng.randint(0, 3))]
        body = " ".join(f"“{q['text']}”" for q in quotes) or f"{event_name} berlangsung lancar."
        record = {
            "kind": "article", "id": f"gen-{n:07d}", "language": "id",
            "headline": headline, "body": f"{agency['short']} - {body}",
            "date_published": date, "dateline": agency["short"], "dateline_region":
            agency["code"], "publisher": "dinas", "organizations": [dinas, pemda],
            "people": [*people, reporter], "quotes": quotes,
            "event": {"name": event_name, "event_type": kind, "start_date": date,
                      "venue": f"Aula {rng.choice(['Kantor Bupati', 'Hotel', 'Balai Desa'])} "
                               f"{agency['short']}", "region": agency["code"],
                      "organizer": "dinas", "audience": "perangkat daerah dan masyarakat"},
            "credits": {"authors": ["reporter"]},
        }
        if len(people) > 1 and rng.random() < 0.25:
            record["representations"] = [{"represented": people[0]["id"],
                                          "representative": people[1]["id"],
                                          "task": "membacakan sambutan"}]
        regs = rng.sample(REGULATIONS, rng.choice([0, 0, 1, 1, 2]))
        if regs:
            record["regulations"] = [{"type": t, "number": num, "year": y,
                                      **({"title": title} if title else {})}
                                     for t, num, y, title in regs]
        return record


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of records")
    ap.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    ap.add_argument("--seed", type=int, default=20190904)
    args = ap.parse_args(argv)
    gen = Generator(args.seed)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    with out:
        for n in range(args.n):
            out.write(json.dumps(gen.record(n), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
