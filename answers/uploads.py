"""Read documents uploaded in the admin: .txt files, or .zip files of them, into (path, bytes) pairs.

Nothing is written to disk. A zip's members are read in memory, each no further than one byte past the
most a document may hold, so a zip bomb costs no more than a large document; a member whose path leaves
the zip ("../x.txt", "/etc/x.txt") is refused, and what is not a .txt document is left out and said so.
Each document keeps its own file name: re-imports match questions on it, as the command does.
"""

import zipfile
import zlib
from pathlib import PurePosixPath

from django.conf import settings

from answers.documents import configured_limits
from answers.importer import DOCUMENT_SUFFIX, ImportFailed

ZIP_SUFFIX = ".zip"
# Files that zip tools add beside the documents: never documents, never worth a note.
TOOL_FOLDERS = {"__MACOSX"}


def max_documents():
    """Return the most documents one upload may hold: as many as Django accepts files in one request."""
    return settings.DATA_UPLOAD_MAX_NUMBER_FILES or 100


def unpack(files):
    """Return the documents in uploaded `files` as (path, bytes) pairs, and notes on what was left out.

    A path is the file's name, or "archive.zip/folder/name.txt" for a zip's member, so that every error
    says where it is. Raise ImportFailed with every upload that cannot be read.
    """
    limit = configured_limits().document_bytes
    documents, notes, errors = [], [], []
    for upload in files:
        suffix = PurePosixPath(upload.name).suffix.lower()
        if suffix == DOCUMENT_SUFFIX:
            documents.append((upload.name, upload.read(limit + 1)))
        elif suffix == ZIP_SUFFIX:
            try:
                members, skipped = read_zip(upload, limit)
            except ImportFailed as error:
                errors.extend(error.errors)
            else:
                documents.extend(members)
                notes.extend(skipped)
        else:
            errors.append(ImportFailed(upload.name, f"not a {DOCUMENT_SUFFIX} document or a {ZIP_SUFFIX} of them"))
    if not errors and not documents:
        errors.append(ImportFailed(", ".join(upload.name for upload in files), "no .txt documents to import"))
    if len(documents) > max_documents():
        errors.append(
            ImportFailed(files[-1].name, f"{len(documents)} documents: one import may hold at most {max_documents()}")
        )
    if errors:
        raise ImportFailed.every(errors)
    return documents, notes


def read_zip(upload, limit):
    """Return the .txt members of an uploaded zip as (path, bytes) pairs, and notes on the members left out."""
    if upload.size > limit * max_documents():
        raise ImportFailed(upload.name, f"the zip is larger than {limit * max_documents():,} bytes")
    try:
        archive = zipfile.ZipFile(upload)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise ImportFailed(upload.name, f"not a zip file that can be read ({error})") from None
    documents, notes, errors = [], [], []
    wanted = []
    for info in infos:
        member = PurePosixPath(info.filename.replace("\\", "/"))
        where = f"{upload.name}/{info.filename}"
        if member.is_absolute() or ".." in member.parts:
            errors.append(ImportFailed(where, "the zip names a file outside itself; it was not read"))
        elif info.is_dir() or any(part.startswith(".") or part in TOOL_FOLDERS for part in member.parts):
            continue
        elif member.suffix.lower() != DOCUMENT_SUFFIX:
            notes.append(f"{where}: left out, not a {DOCUMENT_SUFFIX} document")
        elif info.flag_bits & 0x1:
            errors.append(ImportFailed(where, "the file is encrypted; zip it again without a password"))
        else:
            wanted.append((where, info))
    if len(wanted) > max_documents():
        errors.append(
            ImportFailed(upload.name, f"{len(wanted)} documents: one import may hold at most {max_documents()}")
        )
        wanted = []
    for where, info in wanted:
        try:
            with archive.open(info) as member:
                documents.append((where, member.read(limit + 1)))
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error) as error:
            errors.append(ImportFailed(where, f"cannot be read from the zip ({error})"))
    if errors:
        raise ImportFailed.every(errors)
    if not documents:
        raise ImportFailed(upload.name, f"the zip holds no {DOCUMENT_SUFFIX} documents")
    return documents, notes
