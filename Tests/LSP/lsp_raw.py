"""`tracklint server` given bytes no client library would send: every bad message gets its JSON-RPC
error (or is ignored, for notifications), the server goes on, and it exits as LSP says."""
import json
import os
import subprocess


def frame(message):
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def responses(output):
    """The JSON bodies of the framed messages the server wrote."""
    messages = []
    while output:
        header, _, rest = output.partition(b"\r\n\r\n")
        assert header.startswith(b"Content-Length: "), header
        length = int(header.split(b":")[1])
        messages.append(json.loads(rest[:length]))
        output = rest[length:]
    return messages


def run(binary, folder, data):
    process = subprocess.run([binary, "server"], input=data, capture_output=True, cwd=folder, timeout=20)
    return process.returncode, responses(process.stdout), process.stderr.decode()


def errors(messages):
    """(id, code) of each error answer, and the ids of the results."""
    return ([(m.get("id"), m["error"]["code"]) for m in messages if "error" in m],
            [m["id"] for m in messages if "result" in m])


def check_malformed_input(binary, folder):
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
    hover = {"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover",
             "params": {"textDocument": {"uri": "file:///nowhere.html"}, "position": {"line": 0, "character": 0}}}
    data = b"".join([
        frame({"jsonrpc": "2.0", "id": 0, "method": "textDocument/hover", "params": {}}),  # before initialize
        frame(initialize),
        frame(b"{not json"),
        frame(b"[1, 2]"),
        frame({"jsonrpc": "2.0", "id": True, "method": "shutdown"}),
        frame({"jsonrpc": "2.0", "id": 2, "params": {}}),
        frame({"jsonrpc": "2.0", "id": 3, "method": 42}),
        frame({"jsonrpc": "2.0", "id": 4, "method": "workspace/unknown"}),
        frame({"jsonrpc": "2.0", "method": "workspace/unknownNotification"}),
        frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 5}}}),
        frame({"jsonrpc": "2.0", "id": 5, "method": "textDocument/codeAction", "params": {"textDocument": {}}}),
        frame({"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover",
               "params": {"textDocument": {"uri": "file:///x.html"}, "position": {"line": -1, "character": 0}}}),
        frame({"jsonrpc": "2.0", "id": "seven", "method": "initialize", "params": {}}),
        b"Content-Type: application/vscode-jsonrpc\r\n\r\n",  # no Content-Length
        b"Content-Length: 99999999999999999999\r\n\r\n",  # parse error, then goes on
        frame(b"\xff\xfe not UTF-8"),
        frame(hover),
        frame({"jsonrpc": "2.0", "id": 10, "method": "shutdown"}),
        frame({"jsonrpc": "2.0", "id": 11, "method": "textDocument/hover", "params": {}}),
        frame({"jsonrpc": "2.0", "method": "exit"}),
    ])
    code, messages, stderr = run(binary, folder, data)
    got = errors([m for m in messages if "method" not in m])
    expected = ([(0, -32002), (None, -32700), (None, -32600), (None, -32600), (2, -32600), (3, -32600), (4, -32601),
                 (5, -32602), (6, -32602), ("seven", -32600), (None, -32700), (None, -32700), (None, -32700),
                 (9, -32602), (11, -32600)], [1, 10])
    assert got == expected, f"errors and results {got}, expected {expected}"
    logs = [m["params"]["message"] for m in messages if m.get("method") == "window/logMessage"]
    assert logs == ["tracklint: textDocument/didOpen: `uri` must be a string"], logs
    assert code == 0 and stderr == "", (code, stderr)
    # exit without shutdown: 1; the input ending inside a message: 1 and said why.
    code, messages, stderr = run(binary, folder, frame(initialize) + frame({"jsonrpc": "2.0", "method": "exit"}))
    assert code == 1 and stderr == "", (code, stderr)
    code, _, stderr = run(binary, folder, frame(initialize) + b"Content-Length: 50\r\n\r\n{\"jsonrpc\"")
    assert code == 1 and stderr == "tracklint server: error: the input ended inside a message (10 of 50 bytes)\n", (code, stderr)
    code, _, stderr = run(binary, folder, b"")
    assert code == 1 and stderr == "", (code, stderr)
    # Standard output closed: the first answer cannot be written, and the server says so and ends.
    process = subprocess.run([binary, "server"], input=frame(initialize), stderr=subprocess.PIPE, cwd=folder, timeout=20,
                             preexec_fn=lambda: os.close(1))
    expected = b"tracklint server: error: cannot write to standard output (Bad file descriptor)\n"
    assert process.returncode == 1 and process.stderr == expected, (process.returncode, process.stderr)
