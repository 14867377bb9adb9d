"""Telling the language of a question: questions in other languages are caught by their
function words, English questions that hold a foreign name or phrase are not."""
from __future__ import annotations

import pytest

from bot.answering.language import english_only_reply, foreign_language


@pytest.mark.parametrize(("question", "language"), [
    ("Qui a ouvert la boulangerie du port ?", "French"),
    ("Combien de bateaux la compagnie a-t-elle vendus ?", "French"),
    ("Pourquoi l'école est-elle fermée ?", "French"),
    ("De quoi parle l'article sur le marché ?", "French"),
    ("Wie heeft de nieuwe brug ontworpen?", "Dutch"),
    ("Hoeveel bomen zijn er in het park geplant?", "Dutch"),
    ("Waarom is de veerboot te laat?", "Dutch"),
    # a question word and a common verb, the rest a name and words of its own
    ("Hoeveel winkels gaat Brantwood sluiten?", "Dutch"),
    ("Wann kommt die neue Fähre?", "German"),
    ("Quando vai abrir a ponte?", "Portuguese"),
    ("Warum wurde die Fähre abgesagt?", "German"),
    ("Wer hat den Bericht geschrieben?", "German"),
    ("¿Cuántos árboles plantaron en el huerto?", "Spanish"),
    ("cuanto costo el puente nuevo", "Spanish"),
    ("Chi ha vinto la regata del porto?", "Italian"),
    ("Quem abriu a nova padaria?", "Portuguese"),
    ("Почему паром опоздал?", "Russian or another Cyrillic-script language"),
    ("Ile kosztował nowy most?", "Polish"),
    ("Dlaczego prom się spóźnił?", "Polish"),
    ("Kaptan ne kadar ceza aldı?", "Turkish"),
    ("Hvem har skrevet artikkelen om fergen?", "Danish or Norwegian"),
    ("Varför hamnade båtarna i fel hamn?", "Swedish"),
    ("varför blev tåget försenat", "Swedish"),
])
def test_a_question_in_another_language_is_caught(question: str, language: str) -> None:
    assert foreign_language(question) == language


@pytest.mark.parametrize("question", [
    "Who is Müller and what did he say about the café?",
    "was it déjà vu for the crews at the harbour",
    "what happened at the Place de la Concorde rally",
    "events at Place de la Concorde",
    "who is Jean-Luc de la Fontaine",
    "What did Señor García say about the fiesta?",
    "is the Museo del Prado open on Mondays",
    "what did the van der Berg family say",
    "How much did the Hôtel de Ville repairs cost?",
    "what is the raison d'être of the plan",
    "Who runs La Scala in Milan?",
    "how old is Björk",
    "any news from Den Haag",
    "what is a piña colada",
    "who won the race in Łódź",
    "what did Søren Holm say about the ferry",
    "i want to know what happened at the vid festival",
    "will the van go to the fa cup final",
    "can the deve team fix it",
])
def test_an_english_question_with_a_foreign_name_or_phrase_stays_english(question: str) -> None:
    assert foreign_language(question) is None


def test_the_reply_names_the_language() -> None:
    assert "looks like Dutch" in english_only_reply("Dutch")
