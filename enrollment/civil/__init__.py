"""Civil-status reference data: the INSEE Code officiel géographique (COG) of communes, past and present,
and of countries, for the applicant's place of birth.

`reference.py` reads the compact file the station ships (`data/cog.csv.gz`) or the newer one a technician
installed; `cog_import.py` builds that file from INSEE's own CSV files; `communes.py` and `countries.py`
search it; `text.py` folds the text both sides compare. No Qt here: the station's field
(station/ui/commune_field.py) and its `station communes` command sit above."""
