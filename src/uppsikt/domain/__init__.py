"""The pure domain core: frozen records and functions over them, standard library only."""
