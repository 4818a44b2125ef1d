#!/usr/bin/env python3
"""Run control over the raw GDB remote protocol, on a long-running firmware started with
`pimsoc run ELF --gdb 0` (no --gdb-wait): a debugger attaching later halts the running target;
simulated time stands still while halted; Ctrl-C (0x03) during continue halts it with SIGINT;
detach lets it run on; a second debugger attaches again; kill ends the run with exit code 137.

The firmware must outlive the test's pauses on any host: the CNN over the whole test set (tens
of seconds at full speed), not a benchmark that ends within a second on a fast machine.

Usage: gdb_run_control.py PIMSOC ELF [RUN_OPTION...] [-- FIRMWARE_ARG...]"""
import re
import socket
import subprocess
import sys
import time


def checksum(payload: bytes) -> bytes:
    return b"%02x" % (sum(payload) % 256)


class Client:
    def __init__(self, port: int):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buffer = b""

    def send_raw(self, data: bytes):
        self.sock.sendall(data)

    def send(self, payload: str):
        data = payload.encode()
        self.sock.sendall(b"$" + data + b"#" + checksum(data))

    def receive(self) -> str:
        """The next packet's payload (acks are skipped, the packet is acknowledged)."""
        while True:
            match = re.search(rb"\$([^#]*)#([0-9a-f]{2})", self.buffer)
            if match:
                self.buffer = self.buffer[match.end():]
                if checksum(match.group(1)) != match.group(2):
                    raise AssertionError("bad checksum from pimsoc")
                self.sock.sendall(b"+")
                return match.group(1).decode()
            chunk = self.sock.recv(4096)
            if not chunk:
                raise AssertionError("connection closed by pimsoc")
            self.buffer += chunk

    def request(self, payload: str) -> str:
        self.send(payload)
        return self.receive()

    def monitor(self, command: str) -> str:
        return bytes.fromhex(self.request("qRcmd," + command.encode().hex())).decode()

    def close(self):
        self.sock.close()


def expect(condition: bool, what: str):
    if not condition:
        raise AssertionError(what)


def simulated_time(client: Client) -> str:
    text = client.monitor("time")
    expect(text.startswith("simulated time: "), "monitor time: " + text)
    return text


def main() -> int:
    pimsoc, elf, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    split = rest.index("--") if "--" in rest else len(rest)
    command = [pimsoc, "run", elf] + rest[:split] + ["--gdb", "0", "--quiet"] + rest[split:]
    process = subprocess.Popen(command,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stderr.readline()
        match = re.match(r"pimsoc: gdb: listening on 127\.0\.0\.1:(\d+)$", first.strip())
        expect(match is not None, "no port line: " + first)
        port = int(match.group(1))
        time.sleep(0.3)  # the firmware runs meanwhile

        # A debugger attaching halts the running target.
        client = Client(port)
        stop = client.request("?")
        expect(stop.startswith("T05"), "stop reason after attach: " + stop)
        halted_at = simulated_time(client)
        expect(halted_at != "simulated time: 0 s\n", "the firmware ran before the attach: " + halted_at)
        time.sleep(0.3)
        expect(simulated_time(client) == halted_at, "simulated time moved while halted")
        expect(client.request("qAttached") == "1", "qAttached")

        # Continue, then Ctrl-C: the stop reply says SIGINT, and time has moved on.
        client.send("c")
        time.sleep(0.3)
        client.send_raw(b"\x03")
        stop = client.receive()
        expect(stop.startswith("T02"), "stop reply after Ctrl-C: " + stop)
        expect(simulated_time(client) != halted_at, "simulated time did not move while running")
        pc = client.request("p20")
        expect(re.fullmatch(r"[0-9a-f]{8}", pc) is not None, "pc: " + pc)

        # Memory through the debug transport: RAM reads and writes; a device register refuses a
        # debug write (no side effect: nothing reaches the UART's transmitter), an unmapped hole
        # answers an error.
        word = client.request("m80000000,4")
        expect(re.fullmatch(r"[0-9a-f]{8}", word) is not None, "RAM read: " + word)
        expect(client.request("M80000000,4:" + word) == "OK", "RAM write")
        expect(client.request("M10000000,1:41") == "E03", "debug write to the UART's THR")
        expect(client.request("m50000000,4") == "E03", "read of an unmapped address")
        expect(len(client.request("m10000000,8")) == 16, "debug read of the UART's registers")

        # Detach: the target runs on without the debugger.
        expect(client.request("D") == "OK", "detach")
        client.close()
        time.sleep(0.3)
        expect(process.poll() is None, "pimsoc ended after the detach")

        # A second debugger attaches (halting it again) and kills the run.
        client = Client(port)
        stop = client.request("?")
        expect(stop.startswith("T05"), "stop reason after the second attach: " + stop)
        client.send("k")
        code = process.wait(timeout=30)
        rest = process.stderr.read()
        expect(code == 137, "pimsoc exit code %d after kill (want 137)" % code)
        expect("pimsoc: killed: the debugger ended the simulation (gdb kill)" in rest, "kill message: " + rest)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    print("PASS")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as error:
        print("FAIL: %s" % error)
        sys.exit(1)
