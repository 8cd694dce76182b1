#!/usr/bin/env python3
"""`tracklint check --online` against loopback servers, with no internet.

Runs itself in new network and mount namespaces (a user namespace too when not root): the only
network is a loopback this script brings up, and `/etc/resolv.conf` names this script's DNS
server. The certificates are signed by a throwaway CA made here with openssl, which tracklint is
given with --ca-file. There it serves:

  - DNS on 127.0.0.1:53 (the system resolver) and 127.0.0.1:5353 (for --dns-server), answering
    for one tracking host per case: a good CNAME, NXDOMAIN, a CNAME to another platform;
  - HTTPS on port 443 of one loopback address per case: a valid certificate, an expired one, one
    for another name, one answering with Strict-Transport-Security; plain HTTP on port 80.

Every DNS query and every connection is recorded, and the script asserts that without --online
tracklint causes none, and with it only DNS queries for the tracking hosts (each once, whatever
--jobs) and one HTTPS request per host, for `/`. Usage: check_online.py TRACKLINT
"""
import ctypes
import fcntl
import http.server
import json
import os
import re
import shutil
import socket
import socketserver
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time

INSIDE = "TRACKLINT_ONLINE_NAMESPACE"
TOKEN = "eJxVj0tuwzAMRE8TrRxYkiXbWnjRRS8RUDIbC9EPEp0gt68L"

# case: (tracking host, CNAME chain, loopback address or None for NXDOMAIN, scheme of the links)
CASES = {
    "good": ("email.good.example", ["good.mailgun.org"], "127.0.0.11", "https"),
    "expired": ("email.expired.example", ["expired.mailgun.org"], "127.0.0.12", "https"),
    "wrongname": ("email.wrongname.example", ["wrongname.mailgun.org"], "127.0.0.13", "https"),
    "hsts": ("email.hsts.example", ["hsts.mailgun.org"], "127.0.0.14", "http"),
    "plain": ("email.plain.example", ["plain.mailgun.org"], "127.0.0.15", "http"),
    "moved": ("email.moved.example", ["u1.wl.sendgrid.net", "sendgrid.net"], "127.0.0.16", "https"),
    "gone": ("email.gone.example", [], None, "https"),
}
# The name each address's certificate is for, and whether it has expired.
CERTIFICATES = {"127.0.0.11": ("email.good.example", False), "127.0.0.12": ("email.expired.example", True),
                "127.0.0.13": ("www.other.example", False), "127.0.0.14": ("email.hsts.example", False),
                "127.0.0.15": ("email.plain.example", False), "127.0.0.16": ("email.moved.example", False)}
HSTS_ADDRESS = "127.0.0.14"

dns_log = []        # (server port, name, type)
https_log = []      # (address, SNI, method, path, Host header)
http_log = []       # (address, method, path)
log_lock = threading.Lock()


def enter_namespaces():
    isolate = ["-n", "-m"] if os.getuid() == 0 else ["-r", "-n", "-m"]
    env = dict(os.environ, **{INSIDE: "1"})
    result = subprocess.run(["unshare"] + isolate + [sys.executable] + sys.argv, env=env)
    sys.exit(result.returncode)


def loopback_up():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(sock, 0x8913, request))[1]       # SIOCGIFFLAGS
        fcntl.ioctl(sock, 0x8914, struct.pack("16sH", b"lo", flags | 0x1))          # SIOCSIFFLAGS, IFF_UP


def bind_mount(source, target):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.mount(source.encode(), target.encode(), None, 4096, None) != 0:      # MS_BIND
        raise OSError(ctypes.get_errno(), f"cannot bind {source} over {target}")


def openssl(*arguments):
    subprocess.run(["openssl"] + list(arguments), check=True, capture_output=True)


def make_certificates(folder):
    """A throwaway CA, and one certificate per address signed by it (one already expired)."""
    ca_key, ca = os.path.join(folder, "ca.key"), os.path.join(folder, "ca.pem")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2", "-subj", "/CN=tracklint test CA")
    os.makedirs(os.path.join(folder, "db"))
    open(os.path.join(folder, "db", "index.txt"), "w").close()
    config = os.path.join(folder, "ca.cnf")
    with open(config, "w") as file:
        file.write(f"[ca]\ndefault_ca=test\n[test]\ndir={folder}/db\ndatabase=$dir/index.txt\nnew_certs_dir=$dir\n"
                   f"serial=$dir/serial\ndefault_md=sha256\npolicy=any\ncopy_extensions=copy\nunique_subject=no\n"
                   f"[any]\ncommonName=supplied\n")
    with open(os.path.join(folder, "db", "serial"), "w") as file:
        file.write("1000\n")
    files = {}
    for address, (name, expired) in CERTIFICATES.items():
        key, request, certificate = (os.path.join(folder, f"{address}.{ending}") for ending in ("key", "csr", "pem"))
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request, "-subj", f"/CN={name}",
                "-addext", f"subjectAltName=DNS:{name}")
        dates = ["-startdate", "20200101000000Z", "-enddate", "20200201000000Z"] if expired else ["-days", "1"]
        openssl("ca", "-batch", "-config", config, "-cert", ca, "-keyfile", ca_key, "-in", request, "-out", certificate,
                "-notext", *dates)
        files[address] = (certificate, key)
    return ca, files


class DNSHandler(socketserver.BaseRequestHandler):
    """Answers A and AAAA queries from CASES: the CNAME chain, then the address (A only)."""
    def handle(self):
        data, sock = self.request
        query_id, _, count = struct.unpack(">HHH", data[:6])
        labels, offset = [], 12
        while data[offset]:
            labels.append(data[offset + 1:offset + 1 + data[offset]].decode())
            offset += 1 + data[offset]
        name = ".".join(labels).lower()
        qtype = struct.unpack(">H", data[offset + 1:offset + 3])[0]
        with log_lock:
            dns_log.append((self.server.server_address[1], name, qtype))
        case = next((case for case in CASES.values() if case[0] == name), None)
        answers, rcode = [], 0
        if case is None or case[2] is None:
            rcode = 3
        else:
            owner = name
            for target in case[1]:
                answers.append(encode_name(owner) + struct.pack(">HHIH", 5, 1, 60, len(encode_name(target))) + encode_name(target))
                owner = target
            if qtype == 1:
                answers.append(encode_name(owner) + struct.pack(">HHIH", 1, 1, 60, 4) + socket.inet_aton(case[2]))
        header = struct.pack(">HHHHHH", query_id, 0x8180 | rcode, 1, len(answers), 0, 0)
        sock.sendto(header + data[12:offset + 5] + b"".join(answers), self.client_address)


def encode_name(name):
    return b"".join(bytes([len(label)]) + label.encode() for label in name.split(".")) + b"\0"


class RecordingHTTPSHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        address = self.server.server_address[0]
        with log_lock:
            https_log.append((address, getattr(self.connection, "sni", None), "GET", self.path, self.headers.get("Host")))
        self.send_response(200)
        if address == HSTS_ADDRESS:
            self.send_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_HEAD = do_POST = do_GET

    def log_message(self, *arguments):
        pass


class RecordingHTTPHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with log_lock:
            http_log.append((self.server.server_address[0], self.command, self.path))
        self.send_response(204)
        self.end_headers()

    do_HEAD = do_POST = do_GET

    def log_message(self, *arguments):
        pass


class QuietHTTPServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """HTTPServer without the reverse DNS lookup of its own address (which would be traffic too)."""
    daemon_threads = True

    def server_bind(self):
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[0], self.server_address[1]


class TLSServer(QuietHTTPServer):

    def __init__(self, address, certificate, key):
        super().__init__((address, 443), RecordingHTTPSHandler)
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(certificate, key)
        self.context.sni_callback = self.remember_sni

    @staticmethod
    def remember_sni(connection, name, _context):
        connection.sni = name
        with log_lock:
            https_log.append((connection.getsockname()[0], name, "handshake", None, None))

    def get_request(self):
        sock, client = self.socket.accept()
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), client

    def finish_request(self, request, client_address):
        try:
            request.do_handshake()
        except (ssl.SSLError, OSError):
            return       # the client refused the certificate: recorded by the SNI callback
        request.sni = getattr(request, "sni", None) or request.server_hostname
        super().finish_request(request, client_address)


class ThreadingUDP(socketserver.ThreadingMixIn, socketserver.UDPServer):
    daemon_threads = True


def start_servers(certificates):
    servers = [ThreadingUDP(("127.0.0.1", port), DNSHandler) for port in (53, 5353)]
    for address, (certificate, key) in certificates.items():
        servers.append(TLSServer(address, certificate, key))
        servers.append(QuietHTTPServer((address, 80), RecordingHTTPHandler))
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return servers


def write_inputs(folder):
    paths = {}
    for case, (host, _, _, scheme) in CASES.items():
        path = os.path.join(folder, f"{case}.html")
        with open(path, "w") as file:
            file.write(f'<p>Sale</p>\n<a href="{scheme}://{host}/c/{TOKEN}">Shop</a>\n'
                       f'<img src="{scheme}://{host}/o/{TOKEN}" width="1" height="1">\n')
        paths[case] = path
    # A second message through the good host: looked up once all the same.
    shutil.copy(paths["good"], os.path.join(folder, "good-again.html"))
    return paths


def run(tracklint, arguments, folder):
    result = subprocess.run([tracklint, "check"] + arguments, capture_output=True, text=True, cwd=folder, timeout=120)
    assert result.returncode in (0, 1), f"{arguments}: exit {result.returncode}: {result.stderr}"
    return result


def clear_logs():
    with log_lock:
        dns_log.clear()
        https_log.clear()
        http_log.clear()


ONLINE_CODES = {"TL507", "TL508", "TL509", "TL510"}


def online_findings(report):
    found = {}
    for finding in report["findings"]:
        if finding["code"] in ONLINE_CODES:
            case = os.path.basename(finding["location"]["path"]).removesuffix(".html")
            found.setdefault(case, []).append((finding["code"], finding["severity"], finding["location"]["line"],
                                               finding["location"]["column"], finding["evidence"]))
    return found


def check_offline(tracklint, folder):
    clear_logs()
    report = json.loads(run(tracklint, ["--format", "json", "--jobs", "4", "."], folder).stdout)
    time.sleep(0.2)
    assert not dns_log and not https_log and not http_log, f"traffic without --online: {dns_log} {https_log} {http_log}"
    assert online_findings(report) == {}, online_findings(report)
    for entry in report["inputs"]:
        for host in entry["diagnosis"]["trackingHosts"]:
            assert "dns" not in host, host


def check_online(tracklint, folder, ca):
    clear_logs()
    result = run(tracklint, ["--online", "--dns-server", "127.0.0.1:5353", "--ca-file", ca, "--format", "json", "--jobs", "4", "."],
                 folder)
    assert result.stderr == "", result.stderr
    report = json.loads(result.stdout)
    validate_against_schema(report)
    expected = {
        "expired": [("TL509", "error", 2, 10, "email.expired.example")],
        "wrongname": [("TL509", "error", 2, 10, "email.wrongname.example")],
        "gone": [("TL507", "error", 2, 10, "email.gone.example")],
        "moved": [("TL508", "error", 2, 10, "u1.wl.sendgrid.net → sendgrid.net")],
        "hsts": [("TL510", "warning", 2, 10, "max-age=31536000; includeSubDomains")],
    }
    found = online_findings(report)
    assert found == expected, f"findings:\n{json.dumps(found, indent=1)}"
    messages = {os.path.basename(f["location"]["path"]): f["message"] for f in report["findings"] if f["code"] in ONLINE_CODES}
    assert "has expired" in messages["expired.html"], messages
    assert "does not name it" in messages["wrongname.html"], messages
    assert "`u1.wl.sendgrid.net`" in messages["moved.html"] and "(→ `sendgrid.net`), SendGrid's, not to Mailgun's" in messages["moved.html"], messages
    assert "NXDOMAIN from 127.0.0.1:5353" in messages["gone.html"], messages

    hosts = {os.path.basename(entry["path"]): entry["diagnosis"]["trackingHosts"] for entry in report["inputs"]}
    good = hosts["good.html"][0]
    assert good["dns"] == {"status": "resolved", "cnames": ["good.mailgun.org"], "addresses": ["127.0.0.11"],
                           "server": "127.0.0.1:5353"}, good
    assert good["tls"] == {"status": "valid"} and good["hsts"] is None, good
    assert hosts["hsts.html"][0]["tls"] is None and hosts["hsts.html"][0]["hsts"]["header"].startswith("max-age="), hosts["hsts.html"]
    assert hosts["plain.html"][0]["hsts"] == {"header": None}, hosts["plain.html"]
    assert hosts["gone.html"][0]["dns"]["status"] == "nxdomain" and hosts["gone.html"][0]["tls"] is None

    time.sleep(0.2)
    names = {case[0] for case in CASES.values()}
    assert all(port == 5353 for port, _, _ in dns_log), f"asked another server: {dns_log}"
    queries = sorted((name, qtype) for _, name, qtype in dns_log)
    wanted = sorted([(host, 1) for host in names] + [(host, 28) for host in names if host != "email.gone.example"])
    assert queries == wanted, f"DNS queries, each host once:\n{queries}\nwanted\n{wanted}"
    requests = sorted(entry for entry in https_log if entry[2] != "handshake")
    handshakes = sorted((address, sni) for address, sni, kind, _, _ in https_log if kind == "handshake")
    resolved = {case[2]: case[0] for case in CASES.values() if case[2]}
    assert handshakes == sorted(resolved.items()), f"one TLS handshake per host, with its name: {handshakes}"
    served = sorted((address, sni, "GET", "/", sni) for address, sni in resolved.items()
                    if CERTIFICATES[address][0] == sni and not CERTIFICATES[address][1])
    assert requests == served, f"only GET / on each host whose certificate is good:\n{requests}\nwanted\n{served}"
    assert not http_log, f"plain http requests: {http_log}"
    return report


def validate_against_schema(report):
    """The report fits schemas/tracklint-output.schema.json, every object closed as
    Tests/Schemas/validate_schemas.py closes them (when jsonschema is installed, as make test does)."""
    try:
        import jsonschema
    except ImportError:
        return
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.path.insert(0, os.path.join(root, "Tests", "Schemas"))
    from validate_schemas import closed
    with open(os.path.join(root, "schemas", "tracklint-output.schema.json")) as file:
        schema = closed(json.load(file))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(report), key=str)
    assert not errors, f"the --online report does not fit the output schema: {errors[0].message} at {list(errors[0].path)}"


def check_configured_online(tracklint, folder, ca):
    """`"online": true` in a config, the system resolver (resolv.conf), the text diagnosis, the
    HTML report, and a certificate of an authority nobody said to trust."""
    clear_logs()
    config = os.path.join(folder, "online.json")
    with open(config, "w") as file:
        json.dump({"online": True}, file)
    result = run(tracklint, ["--config", config, "--ca-file", ca, "good.html", "moved.html"], folder)
    assert re.search(r"host check +CNAME good.mailgun.org, 127.0.0.11; TLS valid\n", result.stdout), result.stdout
    assert "TL508" in result.stdout, result.stdout
    assert {port for port, _, _ in dns_log} == {53}, dns_log
    html = run(tracklint, ["--config", config, "--ca-file", ca, "--format", "html", "expired.html"], folder).stdout
    assert "certificate has expired" in html and "expired.mailgun.org" in html, "the HTML report shows the TLS answer"
    untrusted = json.loads(run(tracklint, ["--config", config, "--format", "json", "good.html"], folder).stdout)
    found = [(f["code"], f["message"]) for f in untrusted["findings"] if f["code"] in ONLINE_CODES]
    assert len(found) == 1 and found[0][0] == "TL509" and "not signed by an authority" in found[0][1], found


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    tracklint = os.path.abspath(sys.argv[1])
    if os.environ.get(INSIDE) != "1":
        enter_namespaces()
    started = time.monotonic()
    loopback_up()
    folder = tempfile.mkdtemp(prefix="tracklint-online-")
    servers = []
    try:
        ca, certificates = make_certificates(folder)
        resolver = os.path.join(folder, "resolv.conf")
        with open(resolver, "w") as file:
            file.write("nameserver 127.0.0.1\n")
        bind_mount(resolver, os.path.realpath("/etc/resolv.conf"))
        inputs = os.path.join(folder, "inputs")
        os.makedirs(inputs)
        write_inputs(inputs)
        servers = start_servers(certificates)
        check_offline(tracklint, inputs)
        check_online(tracklint, inputs, ca)
        check_configured_online(tracklint, inputs, ca)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"check_online: every case gave its finding, and the only traffic was DNS for the tracking hosts and GET / "
          f"over TLS ({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main()
