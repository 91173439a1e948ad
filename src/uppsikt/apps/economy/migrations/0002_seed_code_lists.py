"""Seed the RS activity codes and the Kommun-Bas account classes from the CSV files in data/."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parents[1] / "data"


def rows(name):
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter=";"))


def seed(apps, schema_editor):
    Activity = apps.get_model("economy", "Activity")
    AccountClass = apps.get_model("economy", "AccountClass")
    for row in rows("rs_verksamheter.csv"):
        Activity.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "rollup": row["rollup"]}
        )
    for row in rows("kommunbas_kontoklasser.csv"):
        AccountClass.objects.update_or_create(prefix=row["prefix"], defaults={"name": row["name"]})


def unseed(apps, schema_editor):
    apps.get_model("economy", "Activity").objects.all().delete()
    apps.get_model("economy", "AccountClass").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("economy", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
