"""Actors used across the planning tests."""

from planning.domain.roles import PUBLIC, Actor, Role

KURZEME = Actor("kurzeme.group", Role.MANAGEMENT_GROUP, region="Kurzeme")
KURZEME_2 = Actor("kurzeme.second", Role.MANAGEMENT_GROUP, region="Kurzeme")
LATGALE = Actor("latgale.group", Role.MANAGEMENT_GROUP, region="Latgale")
MINISTRY = Actor("ministry.reviewer", Role.MINISTRY)
ADMIN = Actor("admin", Role.ADMIN)
LIEPAJA = Actor("liepaja", Role.MUNICIPALITY, municipality_code="0005000")
ANYONE = PUBLIC
