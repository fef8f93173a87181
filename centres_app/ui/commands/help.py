"""The help menu: the search language and the about box."""

from __future__ import annotations

from centres_app import __version__
from centres_app.ui import messages
from centres_app.ui.commands.base import Commands
from centres_app.ui.store_names import store_description


class HelpCommands(Commands):
    """Aide › Langage de recherche, Aide › À propos."""

    def on_search_help_triggered(self) -> None:
        messages.show_info(
            self.context.window,
            self.tr("Langage de recherche"),
            self.tr(
                "Les mots sont cherchés ensemble, sans tenir compte des accents ni des "
                "majuscules : « reveillon » trouve « Réveillon ».\n"
                "Le dernier mot est un début de mot : « édu » trouve « éducation ».\n"
                '"une expression" cherche l\'expression exacte ; -mot exclut un mot.\n'
                "Les filtres à gauche se combinent : OU dans un même filtre, ET entre filtres.\n"
                "\n"
                "Filtres dans le texte (clé:valeur, sans accents ni majuscules obligatoires) :\n"
                "  annee:2019, annee:2019..2022, annee:..2020, annee:2019..\n"
                "  dep:Drôme, mot:Parentalité, public:Seniors, partenaire:Caf\n"
                "  statut:Terminée, dimension:Citoyenneté, initiative:…, territoire:…, theme:…\n"
                '  structure:"MPT CENTRE VILLE" (guillemets si la valeur a des espaces)\n'
                "Chaque filtre actif s'affiche au-dessus de la liste ; ✕ le retire."
            ),
        )

    def on_about_triggered(self) -> None:
        messages.show_info(
            self.context.window,
            self.tr("À propos"),
            self.tr(
                "Actions des centres sociaux, version {version}\n"
                "Saisie, recherche hors ligne et fiches actions au format SENACS.\n"
                "Base : {store}"
            ).format(version=__version__, store=store_description(self.context.store.url)),
        )
