"""Reviewed changes: publishable content and the proposals that alone may change what readers see.

Every app's content models are Publishable; a change to published content is a Proposal that another
person approves. This app imports nothing from the apps that use it.
"""

REVIEW_PERMISSION = "proposals.review_proposal"
