"""Kolada (RKA's open database of municipal KPIs): a thin API v3 client and saved responses.

`client.py` fetches pages from the API (batched, paged, throttled, retried) and gives them back
as they were served; `saved.py` writes and reads them with the time they were fetched;
`responses.py` reads the values out of saved pages, every fault named with its file and JSON
path. Nothing here touches the database.
"""
