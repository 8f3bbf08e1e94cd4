"""One Python ftplib session for the client matrix: explicit TLS login, PROT P, upload into files/,
list, download. Input (the password included) is JSON on stdin; the result is JSON on stdout."""
import hashlib
import io
import json
import ssl
import sys
from ftplib import FTP_TLS


def main():
    given = json.load(sys.stdin)
    step = "login"
    try:
        context = ssl.create_default_context(cafile=given["caFile"])
        context.check_hostname = False
        ftp = FTP_TLS(context=context, timeout=15)
        ftp.connect(given["host"], given["port"])
        ftp.login(given["user"], given["password"])
        ftp.prot_p()
        step = "upload"
        with open(given["file"], "rb") as src:
            ftp.storbinary("STOR " + given["remote"], src)
        step = "list"
        names = ftp.nlst("files")
        step = "download"
        out = io.BytesIO()
        ftp.retrbinary("RETR " + given["remote"], out.write)
        with open(given["file"], "rb") as src:
            same = hashlib.sha256(src.read()).digest() == hashlib.sha256(out.getvalue()).digest()
        ftp.quit()
        listed = any(n.endswith(given["remote"].split("/")[-1]) for n in names)
        print(json.dumps({"ok": same and listed, "step": "checksum" if not same else "list" if not listed else "", "error": ""}))
    except Exception as err:  # noqa: BLE001 - the matrix records any failure with its step
        print(json.dumps({"ok": False, "step": step, "error": str(err)[:200]}))


main()
