"""The 2D-Doc trust list built from an ETSI-shaped TSL and the authorities' signing certificates: a
certificate its authority signed is kept and verifies a 2D-Doc; one signed by another key, or issued by an
authority the TSL does not list, is set aside with its reason; a file that is not a TSL is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from devstation.twoddoc_maker import make_authority, make_message, tsl_xml
from enrollment.documents.twoddoc import verify_2ddoc
from enrollment.documents.twoddoc.tsl import build, read_tsl
from enrollment.errors import EnrollmentError

TODAY = date.today()


def _pem(cert) -> bytes:
    return cert.public_bytes(Encoding.PEM)


def test_the_tsl_names_each_authority_by_its_certificate_s_common_name():
    authorities, issued = read_tsl(tsl_xml(make_authority("TS01"), make_authority("TS02"), issued="2026-03-04T10:00Z"))
    assert [(a.ca_id, a.operator) for a in authorities] == [("TS01", "Operator TS01"), ("TS02", "Operator TS02")]
    assert issued == "2026-03-04"


def test_a_signing_certificate_is_kept_only_when_its_listed_authority_signed_it():
    ts01, stranger = make_authority("TS01"), make_authority("TS01", cert_id="0002")  # same name, other key
    unlisted = make_authority("TS77")
    built = build(tsl_xml(ts01), {"0001.pem": _pem(ts01.signing_cert),
                                  "0001.der": ts01.signing_cert.public_bytes(Encoding.DER),
                                  "0002.pem": _pem(stranger.signing_cert), "ts77.pem": _pem(unlisted.signing_cert),
                                  "notes.txt": b"not a certificate"}, source="test")
    assert set(built.trust.certificates) == {("TS01", "0001")}
    assert sorted(built.set_aside) == [("0002.pem", "not_signed_by_authority"), ("notes.txt", "not_a_certificate"),
                                      ("ts77.pem", "unknown_authority")]
    message = make_message(ts01, TODAY - timedelta(days=5))
    assert verify_2ddoc(message, built.trust, TODAY).verdict.value == "valid"
    without = build(tsl_xml(ts01), {}, source="test").trust  # the authority alone: its documents unknown
    assert verify_2ddoc(message, without, TODAY).verdict.value == "unknown_issuer"


@pytest.mark.parametrize("xml", [b"<html>not a list</html>", b"<TrustServiceStatusList", b"",
                                 b'<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#"/>'])
def test_a_file_that_is_not_a_tsl_is_refused_in_french(xml):
    with pytest.raises(EnrollmentError) as caught:
        build(xml, {}, source="test")
    assert caught.value.code == "twoddoc.trust_invalid" and "Liste de confiance" in caught.value.message
