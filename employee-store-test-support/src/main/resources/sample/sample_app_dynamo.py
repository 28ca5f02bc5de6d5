"""The original Employee Directory sample's DynamoDB access, as its Flask app does it with boto3.

Writes items exactly as the sample's database_dynamo.py does (a uuid4 id, full_name, job_title, location,
object_key only when given, badges as the list that split(',') returns, i.e. a DynamoDB L), reads them with
get_item and scan, and updates them with the same attribute updates. Prints JSON on stdout.

usage: sample_app_dynamo.py ENDPOINT TABLE create-table
       sample_app_dynamo.py ENDPOINT TABLE add OBJECT_KEY FULL_NAME LOCATION JOB_TITLE BADGES
       sample_app_dynamo.py ENDPOINT TABLE update ID OBJECT_KEY FULL_NAME LOCATION JOB_TITLE BADGES
       sample_app_dynamo.py ENDPOINT TABLE get ID
       sample_app_dynamo.py ENDPOINT TABLE view ID
       sample_app_dynamo.py ENDPOINT TABLE scan
(an empty OBJECT_KEY or BADGES argument means none, as the sample's form sends it)
"""
import base64
import decimal
import json
import sys
import uuid

import boto3


SAMPLE_ATTRIBUTES = ("id", "full_name", "job_title", "location", "badges", "object_key")


def table(endpoint, name):
    return boto3.resource("dynamodb", endpoint_url=endpoint, region_name="us-east-1").Table(name)


def create_table(endpoint, name):
    """The table as created by hand in the console: partition key id (String), default settings."""
    client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
    client.create_table(TableName=name,
                        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5})
    client.get_waiter("table_exists").wait(TableName=name)
    return {"created": name}


def add_employee(t, object_key, full_name, location, job_title, badges):
    item = {"id": str(uuid.uuid4()), "full_name": full_name, "job_title": job_title, "location": location}
    if object_key:
        item["object_key"] = object_key
    if badges:
        item["badges"] = badges.split(",")
    t.put_item(Item=item)
    return {"id": item["id"]}


def update_employee(t, employee_id, object_key, full_name, location, job_title, badges):
    updates = {"full_name": {"Value": full_name, "Action": "PUT"},
               "job_title": {"Value": job_title, "Action": "PUT"},
               "location": {"Value": location, "Action": "PUT"}}
    if object_key:
        updates["object_key"] = {"Value": object_key, "Action": "PUT"}
    if badges:
        updates["badges"] = {"Value": badges.split(","), "Action": "PUT"}
    else:
        updates["badges"] = {"Action": "DELETE"}
    t.update_item(Key={"id": employee_id}, AttributeUpdates=updates)
    return {"id": employee_id}


def plain(value):
    """boto3's deserialised values as JSON, keeping each DynamoDB type visible."""
    if isinstance(value, decimal.Decimal):
        return {"N": str(value)}
    if isinstance(value, boto3.dynamodb.types.Binary):
        return {"B": base64.b64encode(value.value).decode()}
    if isinstance(value, set):
        return {"SET": sorted(plain(v) if not isinstance(v, str) else v for v in value)}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def main(argv):
    endpoint, name, command, args = argv[1], argv[2], argv[3], argv[4:]
    if command == "create-table":
        out = create_table(endpoint, name)
    elif command == "add":
        out = add_employee(table(endpoint, name), *args)
    elif command == "update":
        out = update_employee(table(endpoint, name), *args)
    elif command == "get":
        out = plain(table(endpoint, name).get_item(Key={"id": args[0]}).get("Item"))
    elif command == "view":
        # what the sample's pages show of an employee (load_employee): its own attributes only
        item = table(endpoint, name).get_item(Key={"id": args[0]}).get("Item")
        out = None if item is None else plain({k: v for k, v in item.items() if k in SAMPLE_ATTRIBUTES})
    elif command == "scan":
        out = plain(table(endpoint, name).scan()["Items"])
    else:
        raise SystemExit("unknown command " + command)
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv)
