"""Any samverkan file as one Pydantic model, for its JSON Schema (:mod:`samverkan.schema`).

Files are validated against :data:`~samverkan.model.document.DocumentType`, which gives the
same documents and errors; this module is imported only where the model itself is wanted
(``samverkan.model.DocumentRoot``), since importing ``RootModel`` costs every start.
"""

from typing import TYPE_CHECKING, Annotated

from pydantic import ConfigDict, Field, RootModel

from .document import Document

if TYPE_CHECKING:
    _DocumentRootBase = RootModel[Document]
else:
    # Not ``RootModel[...]``: parametrising makes a class that Pydantic builds at once (~30 ms on
    # every start); a RootModel subclass that annotates ``root`` itself can defer the build.
    _DocumentRootBase = RootModel


class DocumentRoot(_DocumentRootBase):
    """Any samverkan file, told apart by its ``kind``."""

    model_config = ConfigDict(defer_build=True)

    root: Annotated[Document, Field(discriminator="kind")]
