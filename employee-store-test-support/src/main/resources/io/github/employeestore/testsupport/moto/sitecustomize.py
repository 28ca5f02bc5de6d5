"""Loaded by moto_server when MotoServer starts it (its directory is put first on PYTHONPATH).

moto applies a TransactWriteItems after backing up, with copy.deepcopy, every table the transaction touches, once
per item of the transaction, and puts the backup back when the transaction is cancelled. Its cost grows with the
tables: 0.7 s for a table of 100 employees and their name-index items, far more for the TCK's larger tables. Here
the backup of a table, taken inside a transaction, copies the table's item map and only the items the transaction
names; the other items are shared, which is the same state: an item the transaction does not name is not changed by
it, and the tests' clients send one request at a time (OneRequestAtATime), so nothing else writes meanwhile. Any
other deep copy of a table, and a moto without this layout, behave as moto does.
"""
import copy
import sys
import threading

try:
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table
except Exception:  # pragma: no cover - another moto layout: left as it is
    DynamoDBBackend = None

_state = threading.local()


def _key_values(table, op_type, op):
    """(hash, range or None) of the item a transaction entry names, as the table's item map keys them."""
    source = op.get("Item") if op_type == "Put" else op.get("Key")
    hash_value = DynamoType(source[table.hash_key_attr])
    range_value = DynamoType(source[table.range_key_attr]) if table.range_key_attr else None
    return hash_value, range_value


def _backup(table):
    """A table sharing everything with the given one but its item map, and copies of the items named."""
    names = _state.names.get(table.name, [])
    backup = copy.copy(table)
    if table.has_range_key:
        items = type(table.items)(dict)
        for hash_value, by_range in table.items.items():
            items[hash_value] = dict(by_range)
        for hash_value, range_value in names:
            if hash_value in items and range_value in items[hash_value]:
                items[hash_value][range_value] = copy.deepcopy(items[hash_value][range_value])
    else:
        items = copy.copy(table.items)
        for hash_value, _ in names:
            if hash_value in items:
                items[hash_value] = copy.deepcopy(items[hash_value])
    backup.items = items
    return backup


def _deepcopy(self, memo):
    names = getattr(_state, "names", None)
    if names is not None:
        cached = _state.backups.get(self.name)
        if cached is None:
            cached = _state.backups[self.name] = _backup(self)
        return cached
    new = copy.copy(self)
    new.__dict__ = copy.deepcopy(self.__dict__, memo)
    return new


if DynamoDBBackend is not None and not hasattr(Table, "__deepcopy__"):
    _transact_write_items = DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        names = {}
        try:
            for entry in transact_items:
                op_type, op = next(iter(entry.items()))
                table_name = op.get("TableName")
                if table_name in self.tables:
                    names.setdefault(table_name, []).append(_key_values(self.tables[table_name], op_type, op))
        except Exception:
            names = None  # a malformed entry: moto's own backup, and moto's own error
        if names is None:
            return _transact_write_items(self, transact_items)
        _state.names, _state.backups = names, {}
        try:
            return _transact_write_items(self, transact_items)
        finally:
            _state.names = _state.backups = None

    Table.__deepcopy__ = _deepcopy
    DynamoDBBackend.transact_write_items = transact_write_items
    sys.stderr.write("moto TransactWriteItems backup: the items the transaction names\n")
